// SCP03-SM4 is SCP03 with the cipher swapped: run with AES-128 in place of SM4 (a CryptoProvider
// whose block cipher is AES), the KDF layout, session keys, cryptograms, C-MAC chaining and
// C-DECRYPTION ICV and padding must give GlobalPlatform's SCP03 AES-128 values (host challenge
// 0807060504030201, card challenge A3F5F144D19BE66E, as published with the asterix SCP03 tests).
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../crypto/bytes';
import { nativeProvider } from '../../crypto/native-provider';
import type { CryptoProvider } from '../../crypto/provider';
import { CHAINING_VALUE_BYTES, commandMac, encryptCommandData, lcField } from './secure-messaging';
import { cardCryptogram, deriveSessionKeys, hostCryptogram, sessionContext } from './session-keys';

function aes(mode: 'ecb' | 'cbc', key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const cipher = createCipheriv(`aes-128-${mode}`, key, iv).setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]));
}

/** Only the block cipher calls SCP03 makes are swapped for AES-128. */
const aesProvider: CryptoProvider = {
  ...nativeProvider,
  sm4EncryptEcb: (key, data) => aes('ecb', key, null, data),
  sm4EncryptCbc: (key, iv, data) => aes('cbc', key, iv, data),
};

const h = hexToBytes;
const staticKeys = {
  enc: new TextEncoder().encode('@ABCDEFGHIJKLMNO'),
  mac: h('401122334445566748494a4b4c4d4e4f'),
  dek: new Uint8Array(16),
};
const context = sessionContext(h('0807060504030201'), h('a3f5f144d19be66e'));

describe('SCP03 structure with AES in place of SM4', () => {
  it('derives the GlobalPlatform session keys and cryptograms', () => {
    const keys = deriveSessionKeys(aesProvider, staticKeys, context);
    expect(bytesToHex(keys.sEnc)).toBe('852d207b7cc8c880231edfd5c644cfb1');
    expect(bytesToHex(keys.sMac)).toBe('7131b9369f3d19850e6919cd3321523e');
    expect(bytesToHex(keys.sRmac)).toBe('b570aa1fde18f9179b5cbd42d8939d05');
    expect(bytesToHex(cardCryptogram(aesProvider, keys.sMac, context))).toBe('72bfcbdf4a14515f');
    expect(bytesToHex(hostCryptogram(aesProvider, keys.sMac, context))).toBe('aeb8dad1865b85e2');
  });

  it('computes the EXTERNAL AUTHENTICATE C-MAC and chaining value over a zero chain', () => {
    const keys = deriveSessionKeys(aesProvider, staticKeys, context);
    const header = { cla: 0x84, ins: 0x82, p1: 0x01, p2: 0x00 };
    const chain = commandMac(
      aesProvider,
      keys.sMac,
      new Uint8Array(CHAINING_VALUE_BYTES),
      header,
      lcField(0x10, false),
      hostCryptogram(aesProvider, keys.sMac, context),
    );
    expect(bytesToHex(chain)).toBe('49fc4cf184e61dcd4c3928e4c617fba3');
  });

  it('encrypts the first command of a session with ICV = E(S-ENC, counter 1) and 80 00.. padding', () => {
    const keys = deriveSessionKeys(aesProvider, staticKeys, context);
    const data = h('0a45786572636973655236000006ef04c602068200');
    expect(bytesToHex(encryptCommandData(aesProvider, keys.sEnc, 1, data))).toBe(
      'df31907fc027482d5dcb7dc028245f7c108ca4d2aff12275079768e1efe9429e',
    );
  });
});
