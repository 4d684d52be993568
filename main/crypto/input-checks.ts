// Argument checks shared by both providers so they reject bad input with the same clear errors.
// Messages name lengths and counts only, never byte values.

export const SM4_BLOCK_BYTES = 16;
export const SM4_KEY_BYTES = 16;

export function assertSm4Key(key: Uint8Array): void {
  if (key.length !== SM4_KEY_BYTES) throw new Error(`SM4 key must be 16 bytes, got ${key.length}`);
}

export function assertSm4Iv(iv: Uint8Array): void {
  if (iv.length !== SM4_BLOCK_BYTES) throw new Error(`SM4 IV must be 16 bytes, got ${iv.length}`);
}

export function assertBlockAligned(data: Uint8Array, mode: string): void {
  if (data.length % SM4_BLOCK_BYTES !== 0) {
    throw new Error(`SM4-${mode} without padding needs a multiple of 16 bytes, got ${data.length}`);
  }
}

export function assertSm4Block(block: Uint8Array): void {
  if (block.length !== SM4_BLOCK_BYTES) throw new Error(`SM4 block must be 16 bytes, got ${block.length}`);
}

export function assertIterations(iterations: number): void {
  if (!Number.isSafeInteger(iterations) || iterations < 0) {
    throw new Error(`iterations must be a non-negative integer, got ${iterations}`);
  }
}
