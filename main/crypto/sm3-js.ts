// Incremental SM3 (GB/T 32905-2016) in pure JavaScript, for hashing inputs too large to hold in
// memory where node:crypto has no SM3 (Electron's BoringSSL). sm-crypto-v2 hashes one-shot only:
// its incremental hasher is internal and not exported.

const BLOCK_BYTES = 64;
const IV = Uint32Array.from([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
]);

function rotl(x: number, n: number): number {
  const s = n & 31;
  return s === 0 ? x : (x << s) | (x >>> (32 - s));
}

function p0(x: number): number {
  return x ^ rotl(x, 9) ^ rotl(x, 17);
}

function p1(x: number): number {
  return x ^ rotl(x, 15) ^ rotl(x, 23);
}

/** T_j <<< (j mod 32), precomputed for the 64 rounds. */
const ROUND_CONSTANTS = Int32Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j));

export class Sm3Js {
  private readonly state = new Int32Array(IV);
  private readonly buffer = new Uint8Array(BLOCK_BYTES);
  private readonly w = new Int32Array(68);
  private buffered = 0;
  /** Message length in bytes so far (exact up to 2^53). */
  private length = 0;
  private finished = false;

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('SM3: update after digest');
    this.absorb(data);
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) throw new Error('SM3: digest called twice');
    const bitLength = BigInt(this.length) * 8n;
    const padLength = (this.buffered < 56 ? 56 : 120) - this.buffered;
    const tail = new Uint8Array(padLength + 8);
    tail[0] = 0x80;
    new DataView(tail.buffer).setBigUint64(padLength, bitLength, false);
    this.absorb(tail);
    this.finished = true;
    const out = new Uint8Array(32);
    const view = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) view.setInt32(i * 4, this.state[i] ?? 0, false);
    return out;
  }

  private absorb(data: Uint8Array): void {
    let offset = 0;
    if (this.buffered > 0) {
      const take = Math.min(BLOCK_BYTES - this.buffered, data.length);
      this.buffer.set(data.subarray(0, take), this.buffered);
      this.buffered += take;
      offset = take;
      if (this.buffered === BLOCK_BYTES) {
        this.compress(this.buffer, 0);
        this.buffered = 0;
      }
    }
    for (; offset + BLOCK_BYTES <= data.length; offset += BLOCK_BYTES) this.compress(data, offset);
    if (offset < data.length) {
      this.buffer.set(data.subarray(offset), 0);
      this.buffered = data.length - offset;
    }
    this.length += data.length;
  }

  private compress(block: Uint8Array, offset: number): void {
    const w = this.w;
    for (let j = 0; j < 16; j++) {
      const o = offset + j * 4;
      w[j] =
        ((block[o] ?? 0) << 24) |
        ((block[o + 1] ?? 0) << 16) |
        ((block[o + 2] ?? 0) << 8) |
        (block[o + 3] ?? 0);
    }
    for (let j = 16; j < 68; j++) {
      const x = (w[j - 16] ?? 0) ^ (w[j - 9] ?? 0) ^ rotl(w[j - 3] ?? 0, 15);
      w[j] = p1(x) ^ rotl(w[j - 13] ?? 0, 7) ^ (w[j - 6] ?? 0);
    }
    const s = this.state;
    let a = s[0] ?? 0;
    let b = s[1] ?? 0;
    let c = s[2] ?? 0;
    let d = s[3] ?? 0;
    let e = s[4] ?? 0;
    let f = s[5] ?? 0;
    let g = s[6] ?? 0;
    let h = s[7] ?? 0;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + (ROUND_CONSTANTS[j] ?? 0)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const wj = w[j] ?? 0;
      const wPrime = wj ^ (w[j + 4] ?? 0);
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + wPrime) | 0;
      const tt2 = (gg + h + ss1 + wj) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    s[0] = (s[0] ?? 0) ^ a;
    s[1] = (s[1] ?? 0) ^ b;
    s[2] = (s[2] ?? 0) ^ c;
    s[3] = (s[3] ?? 0) ^ d;
    s[4] = (s[4] ?? 0) ^ e;
    s[5] = (s[5] ?? 0) ^ f;
    s[6] = (s[6] ?? 0) ^ g;
    s[7] = (s[7] ?? 0) ^ h;
  }
}
