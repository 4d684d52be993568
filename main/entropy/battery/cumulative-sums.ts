// Cumulative sums test, SP 800-22 §2.13 / GM/T 0005 "累加和检测": the largest excursion of the ±1 walk
// from the start (forward) and from the end (reverse/backward), one byte of the walk per step.
import { bitAt, type BitSequence } from './bit-sequence';
import { normalCdf } from './special-functions';

export interface CumulativeSumsResult {
  readonly forward: number;
  readonly reverse: number;
}

/** Per byte value (MSB first): net step, and the highest and lowest partial sum within the byte. */
const BYTE_STEP = new Int8Array(256);
const BYTE_HIGH = new Int8Array(256);
const BYTE_LOW = new Int8Array(256);
for (let b = 0; b < 256; b++) {
  let s = 0;
  let high = -8;
  let low = 8;
  for (let i = 7; i >= 0; i--) {
    s += ((b >>> i) & 1) === 1 ? 1 : -1;
    high = Math.max(high, s);
    low = Math.min(low, s);
  }
  BYTE_STEP[b] = s;
  BYTE_HIGH[b] = high;
  BYTE_LOW[b] = low;
}

/** sts-2.1.2's p-value for maximum excursion z over n steps. */
function excursionPValue(z: number, n: number): number {
  const root = Math.sqrt(n);
  const nz = Math.trunc(n / z);
  let sum1 = 0.0;
  for (let k = Math.trunc((-nz + 1) / 4); k <= Math.trunc((nz - 1) / 4); k++) {
    sum1 += normalCdf(((4 * k + 1) * z) / root);
    sum1 -= normalCdf(((4 * k - 1) * z) / root);
  }
  let sum2 = 0.0;
  for (let k = Math.trunc((-nz - 3) / 4); k <= Math.trunc((nz - 1) / 4); k++) {
    sum2 += normalCdf(((4 * k + 3) * z) / root);
    sum2 -= normalCdf(((4 * k + 1) * z) / root);
  }
  return 1.0 - sum1 + sum2;
}

export function cumulativeSumsTest(seq: BitSequence): CumulativeSumsResult {
  const n = seq.length;
  const words = seq.words;
  let s = 0;
  let high = 0;
  let low = 0;
  const wholeBytes = n >>> 3;
  for (let j = 0; j < wholeBytes; j++) {
    const byte = ((words[j >>> 2] ?? 0) >>> (24 - 8 * (j & 3))) & 0xff;
    high = Math.max(high, s + (BYTE_HIGH[byte] ?? 0));
    low = Math.min(low, s + (BYTE_LOW[byte] ?? 0));
    s += BYTE_STEP[byte] ?? 0;
  }
  for (let i = wholeBytes * 8; i < n; i++) {
    s += bitAt(words, i) === 1 ? 1 : -1;
    high = Math.max(high, s);
    low = Math.min(low, s);
  }
  const forward = Math.max(high, -low);
  const reverse = Math.max(high - s, s - low);
  return { forward: excursionPValue(forward, n), reverse: excursionPValue(reverse, n) };
}
