// The interface every chip OS sits behind. The fill engine drives any chip through these calls; a
// vendor chip is one new file implementing ChipProfile plus one line in chip-profiles.ts
// (docs/chip-protocol.md, "Profiles"). Keys come in as raw bytes the caller zeroises afterwards;
// implementations copy none of them beyond the call and never put key bytes in errors or logs.
import type { SecureSession } from '../secure-channel/secure-session';
import type { StaticKeys } from '../secure-channel/static-keys';
import type { ApduTransport } from '../transport/transport';

export type ChipLifecycle = 'blank' | 'filled' | 'locked';

export interface ChipIdentity {
  /** Chip serial, lowercase hex. */
  readonly serial: string;
  readonly lifecycle: ChipLifecycle;
  /** Key slots the chip has. */
  readonly capacity: number;
  readonly freeSlots: number;
  /** Secure-channel authentication tries left before the chip blocks for good. */
  readonly authRetriesLeft: number;
}

export interface PoolKey {
  /** Key slot, 0..65535. */
  readonly index: number;
  /** 16-byte SM4 key. */
  readonly key: Uint8Array;
}

export interface PoolCheck {
  readonly ok: boolean;
  /** The answer the station computed from its copy of the pool, hex. */
  readonly expected: string;
  /** The chip's answer, hex. */
  readonly actual: string;
  readonly expectedKeyCount: number;
  readonly chipKeyCount: number;
}

export interface PutKeysOptions {
  /** Called after each APDU the chip accepted, with the keys written so far. */
  readonly onProgress?: (keysWritten: number, total: number) => void;
}

export interface ChipProfile {
  /** Stable id, stored with each binding (e.g. "reference"). */
  readonly id: string;
  /** Whether an inserted card's ATR is this profile's chip. */
  recognises(atr: Uint8Array): boolean;
  /** Selects the applet and reads serial, lifecycle, capacity, free slots and auth tries; no keys needed. */
  identify(transport: ApduTransport): Promise<ChipIdentity>;
  /** The chip's static secure-channel keys from the issuer master key; the caller zeroises them. */
  deriveStaticKeys(kmc: Uint8Array, serial: string): StaticKeys;
  /**
   * Opens the secure channel to the chip whose serial the keys were derived for. Refuses
   * (ChipGuardError) when the chip has another serial or AUTH_RETRY_FLOOR tries or fewer left.
   */
  openSecureChannel(transport: ApduTransport, staticKeys: StaticKeys, serial: string): Promise<SecureSession>;
  /** Loads the keys into their slots, as few APDUs as the session allows. */
  putKeys(session: SecureSession, keys: readonly PoolKey[], options?: PutKeysOptions): Promise<void>;
  /** Fresh-challenge check that the chip holds exactly this pool. */
  checkPool(session: SecureSession, keys: readonly PoolKey[]): Promise<PoolCheck>;
  /** Fresh-challenge check that one slot holds `key`. */
  proveKey(session: SecureSession, index: number, key: Uint8Array): Promise<boolean>;
  /** FILLED -> LOCKED; keys can no longer be written. */
  lock(session: SecureSession): Promise<void>;
  /** Fingerprint of the pool for the binding record; reveals no key and answers no chip challenge. */
  poolDigest(keys: readonly PoolKey[]): Uint8Array;
}

/** The station never authenticates to a chip with this many tries left or fewer, and flags it. */
export const AUTH_RETRY_FLOOR = 3;
