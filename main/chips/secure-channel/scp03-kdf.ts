// The SCP03 key derivation function (GlobalPlatform Card Spec v2.3 Amendment D §4.1.5) with
// SM4-CMAC as the PRF where SCP03 uses AES-CMAC: NIST SP 800-108 in counter mode, one PRF call
// per 128-bit block i = 1, 2, ... over the derivation data
//   label (11 bytes) || derivation constant (1) || 0x00 || L (2, bits, big-endian) || i (1) || context
// SCP03 uses an all-zero label; the static-key diversification of this station uses the same layout
// with its own ASCII label (see static-keys.ts), so one function serves both.
import { concatBytes } from '../../crypto/bytes';
import { sm4Cmac } from '../../crypto/cmac';
import type { CryptoProvider } from '../../crypto/provider';

const SCP03_LABEL_BYTES = 11;
const ZERO_LABEL = new Uint8Array(SCP03_LABEL_BYTES);

/** Derivation constants of Amendment D table 4-1. */
export const DerivationConstant = {
  cardCryptogram: 0x00,
  hostCryptogram: 0x01,
  sEnc: 0x04,
  sMac: 0x06,
  sRmac: 0x07,
} as const;

export interface Scp03KdfInput {
  /** The PRF key (16 bytes). */
  readonly key: Uint8Array;
  readonly constant: number;
  /** Output length L in bits: a positive multiple of 8, at most 0xffff and 255 blocks. */
  readonly lengthBits: number;
  readonly context: Uint8Array;
  /** 11 bytes; all zero (the SCP03 label) when absent. */
  readonly label?: Uint8Array;
}

export function scp03Kdf(provider: CryptoProvider, input: Scp03KdfInput): Uint8Array {
  const { key, constant, lengthBits, context } = input;
  const label = input.label ?? ZERO_LABEL;
  if (label.length !== SCP03_LABEL_BYTES) {
    throw new RangeError(`SCP03 KDF label must be ${SCP03_LABEL_BYTES} bytes, got ${label.length}`);
  }
  if (!Number.isInteger(constant) || constant < 0 || constant > 0xff) {
    throw new RangeError(`SCP03 KDF constant must be a byte, got ${constant}`);
  }
  const blocks = Math.ceil(lengthBits / 128);
  if (
    !Number.isInteger(lengthBits) ||
    lengthBits <= 0 ||
    lengthBits % 8 !== 0 ||
    lengthBits > 0xffff ||
    blocks > 0xff
  ) {
    throw new RangeError(
      `SCP03 KDF length must be a positive multiple of 8 bits up to 0xffff, got ${lengthBits}`,
    );
  }
  const out = new Uint8Array(blocks * 16);
  for (let i = 1; i <= blocks; i++) {
    const fixed = Uint8Array.of(constant, 0x00, lengthBits >> 8, lengthBits & 0xff, i);
    out.set(sm4Cmac(provider, key, concatBytes(label, fixed, context)), (i - 1) * 16);
  }
  return out.slice(0, lengthBits / 8);
}
