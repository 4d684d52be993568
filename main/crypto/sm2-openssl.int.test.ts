// SM2 interoperability with the OpenSSL CLI for the provider STATION_CRYPTO selects (the
// integration project runs once per provider): station signatures verify with
// `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678`, and signatures
// OpenSSL makes verify in the station.
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';
import { selectProvider } from './select-provider';
import { sm2PublicKeyToPem } from './sm2-public-key-pem';
import { openssl, scratchDir } from './test-openssl';
import { testRandom, testSeed } from './test-random';
import { SM2_SIGNATURE_VECTOR } from './vectors';

const provider = selectProvider();
const dir = scratchDir();
afterAll(() => dir.remove());
const rnd = testRandom(testSeed());

/** openssl pkeyutl -verify; true when OpenSSL accepts the signature. */
function opensslVerifies(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  distid: string[] = ['-pkeyopt', 'distid:1234567812345678'],
): boolean {
  const pub = dir.write('pub.pem', sm2PublicKeyToPem(publicKey));
  const msg = dir.write('msg', message);
  const sig = dir.write('sig', signature);
  try {
    const args = ['-verify', '-pubin', '-inkey', pub, '-rawin', '-digest', 'sm3', ...distid];
    return openssl(['pkeyutl', ...args, '-in', msg, '-sigfile', sig])
      .toString()
      .includes('Verified Successfully');
  } catch {
    return false;
  }
}

describe(`SM2 with the openssl CLI (${provider.name} provider, seed ${rnd.seed})`, () => {
  it('OpenSSL verifies the GM/T 0003.5 known-answer signature', () => {
    const v = SM2_SIGNATURE_VECTOR;
    expect(opensslVerifies(hexToBytes(v.publicKey), hexToBytes(v.message), hexToBytes(v.signature))).toBe(
      true,
    );
  });

  it('OpenSSL verifies station signatures with the default ID, and only with that ID', () => {
    for (let i = 0; i < 12; i++) {
      const pair = provider.sm2GenerateKeyPair();
      const message = rnd.bytes(i === 0 ? 0 : rnd.int(300));
      const signature = provider.sm2Sign(pair.privateKey, message);
      expect(opensslVerifies(pair.publicKey, message, signature), `message ${bytesToHex(message)}`).toBe(
        true,
      );
      if (i < 2) {
        // OpenSSL 3.0's own default when no distid is given is the empty ID, so this must fail.
        expect(opensslVerifies(pair.publicKey, message, signature, [])).toBe(false);
        expect(opensslVerifies(pair.publicKey, Uint8Array.from([...message, 1]), signature)).toBe(false);
      }
    }
  });

  it('OpenSSL verifies station signatures made with a custom user ID', () => {
    const pair = provider.sm2GenerateKeyPair();
    const userId = rnd.bytes(20);
    const message = rnd.bytes(64);
    const signature = provider.sm2Sign(pair.privateKey, message, userId);
    expect(
      opensslVerifies(pair.publicKey, message, signature, ['-pkeyopt', `hexdistid:${bytesToHex(userId)}`]),
    ).toBe(true);
  });

  it('the station verifies signatures made by OpenSSL with the default and a custom ID', () => {
    const keyFile = `${dir.path}/openssl-key.pem`;
    openssl(['genpkey', '-algorithm', 'SM2', '-out', keyFile]);
    const spki = openssl(['pkey', '-in', keyFile, '-pubout', '-outform', 'DER']);
    const publicKey = new Uint8Array(spki.subarray(spki.length - 65));
    for (let i = 0; i < 8; i++) {
      const message = rnd.bytes(i === 0 ? 0 : rnd.int(300));
      const userId = i % 2 === 0 ? undefined : rnd.bytes(1 + rnd.int(30));
      const distid = userId === undefined ? 'distid:1234567812345678' : `hexdistid:${bytesToHex(userId)}`;
      const msg = dir.write('openssl-msg', message);
      const signature = new Uint8Array(
        openssl([
          'pkeyutl',
          '-sign',
          '-inkey',
          keyFile,
          '-rawin',
          '-digest',
          'sm3',
          '-pkeyopt',
          distid,
          '-in',
          msg,
        ]),
      );
      expect(provider.sm2Verify(publicKey, message, signature, userId)).toBe(true);
      expect(provider.sm2Verify(publicKey, Uint8Array.from([...message, 0]), signature, userId)).toBe(false);
    }
  });
});
