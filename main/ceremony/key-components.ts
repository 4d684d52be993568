// Key components of a ceremony: combined by XOR (split knowledge: any n - 1 of them say nothing
// about the key), checked for the degenerate all-zero value, and overwritten once done with.

export function xorComponents(components: readonly Uint8Array[]): Uint8Array {
  const [first, ...rest] = components;
  if (!first) throw new Error('xorComponents: no components');
  const out = new Uint8Array(first);
  for (const component of rest) {
    if (component.length !== out.length) throw new Error('xorComponents: components differ in length');
    for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) ^ (component[i] ?? 0);
  }
  return out;
}

export function isAllZero(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}

export function wipe(...buffers: readonly Uint8Array[]): void {
  for (const buffer of buffers) buffer.fill(0);
}
