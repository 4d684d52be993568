// What the outbox worker needs from a central key service, whatever it speaks: push a chip's key
// binding (idempotently: a retry of a push that half-happened completes it without duplicates, and
// a different binding already held for the chip is a SyncConflictError, never an overwrite), look
// a chip up, and check the service is there. KMIP is one implementation (kmip/kmip-connector.ts);
// a vendor's exchange cipher machine API is one more file implementing this interface.

/** One key filled into a chip: its slot index, the 16-byte SM4 key and its KCV (6 hex digits). */
export interface BoundKey {
  readonly index: number;
  readonly key: Uint8Array;
  readonly kcv: string;
}

/** The keys a chip holds and where they came from. Only real (not simulated) bindings are pushed. */
export interface ChipKeyBinding {
  readonly chipSerial: string;
  readonly batchId: string;
  readonly simulated: boolean;
  readonly keys: readonly BoundKey[];
  /** Digest (hex) that identifies the key pool state the keys were drawn from. */
  readonly poolDigest: string;
}

export interface PushResult {
  readonly chipSerial: string;
  /** Keys the key service did not hold before this push. */
  readonly registered: number;
  /** Keys it already held, equal to the binding's (a retried push). */
  readonly alreadyPresent: number;
}

export interface StoredKey {
  readonly index: number;
  readonly kcv: string;
  /** The key service's identifier of the key object. */
  readonly objectId: string;
  /** The key itself, only when asked for (verification and tests). */
  readonly key?: Uint8Array;
}

export interface StoredBinding {
  readonly chipSerial: string;
  readonly batchId: string | undefined;
  readonly poolDigest: string | undefined;
  /** Sorted by index. */
  readonly keys: readonly StoredKey[];
}

export type KeyServiceHealth =
  | { readonly ok: true; readonly latencyMs: number; readonly detail: string }
  | { readonly ok: false; readonly code: string; readonly detail: string };

export interface KeyServiceConnector {
  /** Short name for logs and the status screen, e.g. "kmip 127.0.0.1:5696". */
  readonly name: string;
  /** Rejects with a KeyServiceError (see key-service-errors.ts). */
  pushBinding(binding: ChipKeyBinding): Promise<PushResult>;
  /** The chip's keys as the key service holds them, or null when it holds none. */
  lookupBinding(chipSerial: string, options?: { readonly withKeys?: boolean }): Promise<StoredBinding | null>;
  /** Never rejects: a failure is reported in the result. */
  health(): Promise<KeyServiceHealth>;
  close(): Promise<void>;
}
