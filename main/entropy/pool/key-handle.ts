// A key issued by the pool, held by handle: the holder never keeps the key's bytes, it borrows a copy
// inside use() that is overwritten when the callback settles. destroy() overwrites the key itself.
import type { EntropySourceKind } from '../entropy-source';

export const SM4_KEY_BYTES = 16;

export interface KeyOrigin {
  readonly source: EntropySourceKind;
  /** Drawn from a simulation source: must be marked so in its binding and refused by the sync. */
  readonly simulated: boolean;
}

export class KeyHandle {
  private live = true;

  /** Takes ownership of `key`: it is zeroised by destroy(). */
  constructor(
    private readonly key: Uint8Array,
    readonly origin: KeyOrigin,
  ) {}

  get destroyed(): boolean {
    return !this.live;
  }

  /** Run fn on a copy of the key; the copy is zeroised when fn returns or its promise settles. */
  async use<T>(fn: (key: Uint8Array) => T | Promise<T>): Promise<T> {
    if (!this.live) throw new Error('the key handle was destroyed');
    const copy = Uint8Array.from(this.key);
    try {
      return await fn(copy);
    } finally {
      copy.fill(0);
    }
  }

  /** Zeroise the key; later use() is refused. */
  destroy(): void {
    this.key.fill(0);
    this.live = false;
  }
}
