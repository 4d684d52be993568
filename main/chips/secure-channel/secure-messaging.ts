// SCP03 secure messaging primitives (Amendment D §6.2.4-6.2.7), SM4 in place of AES, used by the
// host decorator and by the card emulator alike:
// - C-MAC: CMAC-SM4(S-MAC, MAC chaining value || CLA INS P1 P2 || Lc field || data); the full 16
//   bytes become the next chaining value, the leftmost 8 are sent. The Lc field is the one sent
//   (1 byte short, 00 Lc1 Lc2 extended) and counts the 8 MAC bytes; Le is never MACed.
// - C-DECRYPTION: SM4-CBC(S-ENC, ICV = SM4(S-ENC, encryption counter as 16 bytes)) over the data
//   padded 80 00..; the counter counts every command of the session, with or without data.
// - R-MAC: leftmost 8 bytes of CMAC-SM4(S-RMAC, chaining value of the command || data || SW1 SW2).
// - R-ENCRYPTION: like C-DECRYPTION with ICV = SM4(S-ENC, 0x80 || counter as 15 bytes).
import { timingSafeEqual } from 'node:crypto';
import { concatBytes } from '../../crypto/bytes';
import { sm4Cmac } from '../../crypto/cmac';
import { SM4_BLOCK_BYTES } from '../../crypto/input-checks';
import type { CryptoProvider } from '../../crypto/provider';

export const MAC_BYTES = 8;
export const CHAINING_VALUE_BYTES = 16;
/** The secure-messaging bit ORed into CLA (logical channels 0-3). */
export const CLA_SECURE_MESSAGING = 0x04;

/** Security level bits of EXTERNAL AUTHENTICATE P1. */
const SecurityLevel = { cMac: 0x01, cDecryption: 0x02, rMac: 0x10, rEncryption: 0x20 } as const;
/** C-MAC | C-DECRYPTION | R-MAC | R-ENCRYPTION (0x33): the only level the station and the reference chip use. */
export const FULL_SECURITY_LEVEL =
  SecurityLevel.cMac | SecurityLevel.cDecryption | SecurityLevel.rMac | SecurityLevel.rEncryption;

/** Bits of the SCP03 "i" parameter in the INITIALIZE UPDATE key information. */
export const ScpParameter = { pseudoRandomChallenge: 0x10, rMac: 0x20, rEncryption: 0x40 } as const;

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function counterBlock(counter: number, responseFlag: boolean): Uint8Array {
  if (!Number.isSafeInteger(counter) || counter < 1)
    throw new RangeError(`SCP03 counter must be >= 1, got ${counter}`);
  const block = new Uint8Array(SM4_BLOCK_BYTES);
  const view = new DataView(block.buffer);
  view.setUint32(8, Math.floor(counter / 2 ** 32), false);
  view.setUint32(12, counter >>> 0, false);
  if (responseFlag) block[0] = 0x80;
  return block;
}

export function pad80(data: Uint8Array): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / SM4_BLOCK_BYTES) + 1) * SM4_BLOCK_BYTES);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Strips 80 00.. padding (at most one block of it); undefined when it is not there. */
export function unpad80(padded: Uint8Array): Uint8Array | undefined {
  for (let i = padded.length - 1; i >= 0 && i >= padded.length - SM4_BLOCK_BYTES; i--) {
    const b = padded[i];
    if (b === 0x80) return padded.slice(0, i);
    if (b !== 0) return undefined;
  }
  return undefined;
}

/** Length of the encrypted data field for `plainLength` data bytes (0 stays 0: nothing to encrypt). */
export function encryptedLength(plainLength: number): number {
  return plainLength === 0 ? 0 : (Math.floor(plainLength / SM4_BLOCK_BYTES) + 1) * SM4_BLOCK_BYTES;
}

function encrypt(
  provider: CryptoProvider,
  sEnc: Uint8Array,
  icvInput: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  if (data.length === 0) return data;
  const icv = provider.sm4EncryptEcb(sEnc, icvInput);
  const padded = pad80(data);
  try {
    return provider.sm4EncryptCbc(sEnc, icv, padded);
  } finally {
    padded.fill(0);
  }
}

function decrypt(
  provider: CryptoProvider,
  sEnc: Uint8Array,
  icvInput: Uint8Array,
  data: Uint8Array,
): Uint8Array | undefined {
  if (data.length === 0) return data;
  if (data.length % SM4_BLOCK_BYTES !== 0) return undefined;
  const padded = provider.sm4DecryptCbc(sEnc, provider.sm4EncryptEcb(sEnc, icvInput), data);
  const plain = unpad80(padded);
  padded.fill(0);
  return plain;
}

export const encryptCommandData = (p: CryptoProvider, sEnc: Uint8Array, counter: number, data: Uint8Array) =>
  encrypt(p, sEnc, counterBlock(counter, false), data);
export const decryptCommandData = (p: CryptoProvider, sEnc: Uint8Array, counter: number, data: Uint8Array) =>
  decrypt(p, sEnc, counterBlock(counter, false), data);
export const encryptResponseData = (p: CryptoProvider, sEnc: Uint8Array, counter: number, data: Uint8Array) =>
  encrypt(p, sEnc, counterBlock(counter, true), data);
export const decryptResponseData = (p: CryptoProvider, sEnc: Uint8Array, counter: number, data: Uint8Array) =>
  decrypt(p, sEnc, counterBlock(counter, true), data);

/** The Lc field as sent: 1 byte in a short APDU, 00 Lc1 Lc2 in an extended one. */
export function lcField(length: number, extended: boolean): Uint8Array {
  return extended ? Uint8Array.of(0, length >> 8, length & 0xff) : Uint8Array.of(length);
}

export interface MacedHeader {
  /** CLA with the secure-messaging bit set. */
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
}

/** The new 16-byte MAC chaining value; its leftmost 8 bytes are the C-MAC. */
export function commandMac(
  provider: CryptoProvider,
  sMac: Uint8Array,
  chainingValue: Uint8Array,
  header: MacedHeader,
  lc: Uint8Array,
  body: Uint8Array,
): Uint8Array {
  const head = Uint8Array.of(header.cla, header.ins, header.p1, header.p2);
  return sm4Cmac(provider, sMac, concatBytes(chainingValue, head, lc, body));
}

export function responseMac(
  provider: CryptoProvider,
  sRmac: Uint8Array,
  chainingValue: Uint8Array,
  data: Uint8Array,
  sw: number,
): Uint8Array {
  return sm4Cmac(
    provider,
    sRmac,
    concatBytes(chainingValue, data, Uint8Array.of(sw >> 8, sw & 0xff)),
    MAC_BYTES,
  );
}

/** GlobalPlatform: only 9000 and warnings (62xx, 63xx) carry R-MAC and response data. */
export function isProtectedStatus(sw: number): boolean {
  return sw === 0x9000 || sw >> 8 === 0x62 || sw >> 8 === 0x63;
}
