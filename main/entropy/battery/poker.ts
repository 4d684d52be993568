// Poker test, GM/T 0005 "扑克检测": the N = ⌊n/m⌋ non-overlapping m-bit patterns,
// V = 2^m/N · Σ n_i² - N, p = igamc((2^m - 1)/2, V/2).
import { readWindow, type BitSequence } from './bit-sequence';
import { igamc } from './special-functions';

export function pokerTest(seq: BitSequence, m: number): number {
  const blocks = Math.floor(seq.length / m);
  const counts = new Float64Array(1 << m);
  for (let i = 0; i < blocks; i++) {
    const pattern = readWindow(seq.words, i * m, m);
    counts[pattern] = (counts[pattern] ?? 0) + 1;
  }
  let v = 0;
  for (const c of counts) v += c * c;
  v = (v * counts.length) / blocks - blocks;
  return igamc((counts.length - 1) / 2, v / 2);
}
