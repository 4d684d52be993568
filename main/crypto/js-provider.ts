// CryptoProvider in pure JavaScript on sm-crypto-v2, for runtimes whose crypto lacks SM algorithms
// (Electron ships BoringSSL). sm-crypto-v2 only offers ECB/CBC (CTR is built here on ECB), treats a
// string key as hex but a string message as UTF-8, and with padding 'none' silently returns zero
// bytes for a trailing partial block — so we pass only Uint8Array and check lengths before each call.
// SM2 uses the shared Z_A digest and strict DER; sm-crypto-v2 does the curve arithmetic on e.
import { sm2, sm3, sm4 } from 'sm-crypto-v2';
import { bigIntToBytes, bytesToBigInt, bytesToHex, hexToBytes } from './bytes';
import { assertBlockAligned, assertSm4Iv, assertSm4Key, SM4_BLOCK_BYTES } from './input-checks';
import type { CryptoProvider, Sm2KeyPair } from './provider';
import { parseSm2PrivateKey, parseSm2PublicKey, SM2_N } from './sm2-curve';
import { defaultSm2UserId, sm2MessageDigest } from './sm2-message-digest';
import { decodeSm2SignatureDer, encodeSm2SignatureDer } from './sm2-signature-der';
import { sm4EncryptBlockIteratedViaCbc } from './sm4-iterated';

function ecb(encrypt: boolean, key: Uint8Array, data: Uint8Array): Uint8Array {
  assertSm4Key(key);
  assertBlockAligned(data, 'ECB');
  const options = { padding: 'none', output: 'array' } as const;
  return encrypt ? sm4.encrypt(data, key, options) : sm4.decrypt(data, key, options);
}

function cbc(encrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  assertSm4Key(key);
  assertSm4Iv(iv);
  assertBlockAligned(data, 'CBC');
  const options = { mode: 'cbc', iv, padding: 'none', output: 'array' } as const;
  return encrypt ? sm4.encrypt(data, key, options) : sm4.decrypt(data, key, options);
}

/** Counter blocks iv, iv+1, ... (128-bit big-endian, wrapping), ECB-encrypted in one call, XORed in. */
function ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  assertSm4Key(key);
  assertSm4Iv(iv);
  const blocks = Math.ceil(data.length / SM4_BLOCK_BYTES);
  const counters = new Uint8Array(blocks * SM4_BLOCK_BYTES);
  const counter = new Uint8Array(iv);
  for (let b = 0; b < blocks; b++) {
    counters.set(counter, b * SM4_BLOCK_BYTES);
    for (let i = SM4_BLOCK_BYTES - 1; i >= 0; i--) {
      const next = ((counter[i] ?? 0) + 1) & 0xff;
      counter[i] = next;
      if (next !== 0) break;
    }
  }
  const stream = ecb(true, key, counters);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] ?? 0) ^ (stream[i] ?? 0);
  return out;
}

function generateKeyPair(): Sm2KeyPair {
  for (;;) {
    const pair = sm2.generateKeyPairHex();
    const privateKey = hexToBytes(pair.privateKey);
    if (bytesToBigInt(privateKey) <= SM2_N - 2n) {
      return { privateKey, publicKey: hexToBytes(pair.publicKey) };
    }
  }
}

function sign(
  privateKey: Uint8Array,
  message: Uint8Array,
  userId: Uint8Array = defaultSm2UserId(),
): Uint8Array {
  parseSm2PrivateKey(privateKey);
  const privateHex = bytesToHex(privateKey);
  const publicKey = hexToBytes(sm2.getPublicKeyFromPrivateKey(privateHex));
  const e = sm2MessageDigest(jsSm3, publicKey, message, userId);
  const rs = sm2.doSignature(e, privateHex, { der: false, hash: false });
  return encodeSm2SignatureDer({
    r: bytesToBigInt(hexToBytes(rs.slice(0, 64))),
    s: bytesToBigInt(hexToBytes(rs.slice(64))),
  });
}

function verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  derSignature: Uint8Array,
  userId: Uint8Array = defaultSm2UserId(),
): boolean {
  parseSm2PublicKey(publicKey);
  const signature = decodeSm2SignatureDer(derSignature);
  if (signature === null) return false;
  const { r, s } = signature;
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  const e = sm2MessageDigest(jsSm3, publicKey, message, userId);
  const rsHex = bytesToHex(bigIntToBytes(r, 32)) + bytesToHex(bigIntToBytes(s, 32));
  return sm2.doVerifySignature(e, rsHex, bytesToHex(publicKey), { der: false, hash: false });
}

function jsSm3(data: Uint8Array): Uint8Array {
  return hexToBytes(sm3(data));
}

export const jsProvider: CryptoProvider = {
  name: 'js',
  sm4EncryptEcb: (key, data) => ecb(true, key, data),
  sm4DecryptEcb: (key, data) => ecb(false, key, data),
  sm4EncryptCbc: (key, iv, data) => cbc(true, key, iv, data),
  sm4DecryptCbc: (key, iv, data) => cbc(false, key, iv, data),
  sm4Ctr: ctr,
  sm4EncryptBlockIterated: (key, block, iterations) =>
    sm4EncryptBlockIteratedViaCbc((k, iv, data) => cbc(true, k, iv, data), key, block, iterations),
  sm3: jsSm3,
  hmacSm3: (key, data) => hexToBytes(sm3(data, { key })),
  sm2GenerateKeyPair: generateKeyPair,
  sm2Sign: sign,
  sm2Verify: verify,
};
