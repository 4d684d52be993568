// Small byte helpers shared by the crypto modules: hex, concatenation, big-endian integers.

export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new Error('hexToBytes: input is not an even-length hex string');
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A plain Uint8Array over the same bytes as a Buffer. A Buffer that owns its whole ArrayBuffer is
 * re-viewed without copying; a slice of Node's shared pool is copied so no other pool data leaks.
 */
export function toUint8Array(buffer: Uint8Array): Uint8Array {
  const owned = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;
  return owned ? new Uint8Array(buffer.buffer, 0, buffer.byteLength) : new Uint8Array(buffer);
}

export function uint32BigEndian(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

/** Big-endian, left-padded to `length` bytes; throws if the value does not fit. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new Error('bigIntToBytes: negative value');
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new Error(`bigIntToBytes: value does not fit in ${length} bytes`);
  return hexToBytes(hex);
}
