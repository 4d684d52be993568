// The station's own keys, all unlocked from the one station master secret: the store KEK that
// wraps every key at rest, the audit MAC key, and the SM2 key that signs audit checkpoints and
// exports. Held in main's memory only while the station is unlocked.
import type { Sm2KeyPair } from '../crypto/provider';

export interface StationKeys {
  /** 16-byte SM4 key-encryption key for wrapKey/unwrapKey of every stored key. */
  readonly storeKek: Uint8Array;
  /** 32-byte HMAC-SM3 key for audit entries. */
  readonly auditMacKey: Uint8Array;
  /** SM2 key pair signing audit checkpoints and exports (default user ID). */
  readonly signing: Sm2KeyPair;
}

export type SecretState = 'uninitialised' | 'locked' | 'unlocked';
