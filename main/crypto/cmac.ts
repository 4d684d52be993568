// SM4-CMAC per NIST SP 800-38B on top of any provider: subkeys K1/K2 from L = SM4_K(0^128) with
// Rb = 0x87, then a CBC-MAC over the message whose last block is masked with K1 (complete) or
// padded 10* and masked with K2. The CBC-MAC runs as provider SM4-CBC in 64 KiB chunks.
import { assertSm4Key, SM4_BLOCK_BYTES } from './input-checks';
import type { CryptoProvider } from './provider';

const CHUNK_BYTES = 64 * 1024;
export const SM4_CMAC_MIN_TAG_BYTES = 4;

/** Doubling in GF(2^128) as SP 800-38B defines it (shift left one bit, conditional XOR with 0x87). */
function double(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(SM4_BLOCK_BYTES);
  for (let i = 0; i < SM4_BLOCK_BYTES; i++) {
    out[i] = (((block[i] ?? 0) << 1) | ((block[i + 1] ?? 0) >> 7)) & 0xff;
  }
  if (((block[0] ?? 0) & 0x80) !== 0) out[SM4_BLOCK_BYTES - 1] = (out[SM4_BLOCK_BYTES - 1] ?? 0) ^ 0x87;
  return out;
}

/**
 * SM4-CMAC tag of `data`. tagBytes (default 16) truncates to the leftmost bytes. SP 800-38B
 * recommends at least 8 bytes (shorter only where the verifier limits attempts); below 4 is refused.
 */
export function sm4Cmac(
  provider: CryptoProvider,
  key: Uint8Array,
  data: Uint8Array,
  tagBytes: number = SM4_BLOCK_BYTES,
): Uint8Array {
  assertSm4Key(key);
  if (!Number.isInteger(tagBytes) || tagBytes < SM4_CMAC_MIN_TAG_BYTES || tagBytes > SM4_BLOCK_BYTES) {
    throw new Error(`SM4-CMAC tag length must be ${SM4_CMAC_MIN_TAG_BYTES}..16 bytes, got ${tagBytes}`);
  }
  const k1 = double(provider.sm4EncryptEcb(key, new Uint8Array(SM4_BLOCK_BYTES)));
  const complete = data.length > 0 && data.length % SM4_BLOCK_BYTES === 0;
  const lastStart = complete ? data.length - SM4_BLOCK_BYTES : data.length - (data.length % SM4_BLOCK_BYTES);
  const last = new Uint8Array(SM4_BLOCK_BYTES);
  last.set(data.subarray(lastStart));
  const mask = complete ? k1 : double(k1);
  if (!complete) last[data.length - lastStart] = 0x80;
  for (let i = 0; i < SM4_BLOCK_BYTES; i++) last[i] = (last[i] ?? 0) ^ (mask[i] ?? 0);

  let chain = new Uint8Array(SM4_BLOCK_BYTES);
  for (let offset = 0; offset < lastStart; offset += CHUNK_BYTES) {
    const out = provider.sm4EncryptCbc(
      key,
      chain,
      data.subarray(offset, Math.min(offset + CHUNK_BYTES, lastStart)),
    );
    chain = out.slice(out.length - SM4_BLOCK_BYTES);
  }
  return provider.sm4EncryptCbc(key, chain, last).slice(0, tagBytes);
}
