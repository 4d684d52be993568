// The pool's store of output that passed the health tests and its block's checks: a bounded queue of
// blocks. Bytes handed out are overwritten where they lay, and clear() overwrites everything held.

export class CheckedEntropy {
  private readonly blocks: Uint8Array[] = [];
  /** Bytes of the first block already handed out. */
  private head = 0;
  private total = 0;

  constructor(readonly capacity: number) {}

  get available(): number {
    return this.total;
  }

  hasRoomFor(bytes: number): boolean {
    return this.total + bytes <= this.capacity;
  }

  /** Takes ownership of a checked block (it is zeroised as it is consumed or cleared). */
  push(block: Uint8Array): void {
    if (!this.hasRoomFor(block.length)) {
      block.fill(0);
      throw new RangeError(`the pool holds at most ${this.capacity} bytes`);
    }
    this.blocks.push(block);
    this.total += block.length;
  }

  /** n bytes from the front, in a new buffer; the bytes taken are zeroised in the pool. */
  take(n: number): Uint8Array {
    if (n > this.total) throw new RangeError(`only ${this.total} checked bytes held, ${n} asked`);
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const block = this.blocks[0];
      if (block === undefined) break;
      const part = block.subarray(this.head, Math.min(block.length, this.head + n - filled));
      out.set(part, filled);
      part.fill(0);
      filled += part.length;
      this.head += part.length;
      if (this.head === block.length) {
        this.blocks.shift();
        this.head = 0;
      }
    }
    this.total -= n;
    return out;
  }

  /** Zeroise and drop everything held. */
  clear(): void {
    for (const block of this.blocks) block.fill(0);
    this.blocks.length = 0;
    this.head = 0;
    this.total = 0;
  }
}
