// The one interface every crypto backend implements: SM4/SM3/SM2 primitives on plain bytes.
// Constructions (CMAC, KDFs, key wrap, KCV) are built once on top of it, never per provider.
// Members are function properties (not methods) so they can be passed around unbound.

export type CryptoProviderName = 'native' | 'js';

export interface Sm2KeyPair {
  /** 32-byte big-endian scalar d, 1 <= d <= n - 2. */
  readonly privateKey: Uint8Array;
  /** 65-byte uncompressed point 04 || x || y on sm2p256v1. */
  readonly publicKey: Uint8Array;
}

export interface CryptoProvider {
  readonly name: CryptoProviderName;

  /** SM4-ECB without padding; data length must be a multiple of 16. */
  readonly sm4EncryptEcb: (key: Uint8Array, data: Uint8Array) => Uint8Array;
  readonly sm4DecryptEcb: (key: Uint8Array, data: Uint8Array) => Uint8Array;
  /** SM4-CBC without padding; data length must be a multiple of 16; 16-byte IV. */
  readonly sm4EncryptCbc: (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array;
  readonly sm4DecryptCbc: (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array;
  /** SM4-CTR over any length; the IV is the initial 128-bit big-endian counter (wraps mod 2^128). */
  readonly sm4Ctr: (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array;
  /** Encrypts one 16-byte block `iterations` times, feeding each output back in (GB/T 32907 example 2). */
  readonly sm4EncryptBlockIterated: (key: Uint8Array, block: Uint8Array, iterations: number) => Uint8Array;

  readonly sm3: (data: Uint8Array) => Uint8Array;
  readonly hmacSm3: (key: Uint8Array, data: Uint8Array) => Uint8Array;

  readonly sm2GenerateKeyPair: () => Sm2KeyPair;
  /**
   * SM2 signature (GB/T 32918.2) over SM3(Z_A || message), DER SEQUENCE { r, s }.
   * userId defaults to the ASCII bytes of 1234567812345678 (GM/T 0009).
   */
  readonly sm2Sign: (privateKey: Uint8Array, message: Uint8Array, userId?: Uint8Array) => Uint8Array;
  /** False for any signature that does not verify or is not strict DER; throws for a malformed public key. */
  readonly sm2Verify: (
    publicKey: Uint8Array,
    message: Uint8Array,
    derSignature: Uint8Array,
    userId?: Uint8Array,
  ) => boolean;
}
