// Random excursions and random excursions variant tests, SP 800-22 §2.14/§2.15: the ±1 walk is cut
// into J cycles at its returns to zero; the first counts, per state x = ±1..±4, the cycles visiting x
// 0..4 and ≥ 5 times, the second the total visits to x = ±1..±9. Both need J ≥ max(0.005√n, 500).
// One walk serves both; while the walk is more than 17 away from 0 a whole byte cannot reach any
// counted state, so it is stepped over by table.
import { bitAt, type BitSequence } from './bit-sequence';
import { erfc, igamc } from './special-functions';

export const EXCURSION_STATES = [-4, -3, -2, -1, 1, 2, 3, 4] as const;
export const VARIANT_STATES = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export interface ExcursionCounts {
  /** Number of cycles J. */
  readonly cycles: number;
  /** nu[k][i]: cycles visiting EXCURSION_STATES[i] exactly k times (k = 5: five or more). */
  readonly nu: readonly (readonly number[])[];
  /** Total visits to each of VARIANT_STATES. */
  readonly visits: readonly number[];
}

const BYTE_STEP = new Int8Array(256);
for (let b = 0; b < 256; b++) BYTE_STEP[b] = 2 * popcountByte(b) - 8;

function popcountByte(b: number): number {
  let count = 0;
  for (let v = b; v !== 0; v &= v - 1) count++;
  return count;
}

/** Minimum number of cycles for the tests to apply. */
export function minimumCycles(n: number): number {
  return Math.max(0.005 * Math.sqrt(n), 500);
}

export function excursionCounts(seq: BitSequence): ExcursionCounts {
  const n = seq.length;
  const words = seq.words;
  const nu = Array.from({ length: 6 }, () => new Array<number>(8).fill(0));
  // Visits indexed by state + 9 (index 9, state 0, unused); counts of the current cycle likewise.
  const visits = new Float64Array(19);
  const inCycle = new Int32Array(19);
  let cycles = 0;
  const closeCycle = (): void => {
    cycles++;
    EXCURSION_STATES.forEach((x, i) => {
      const k = Math.min(inCycle[x + 9] ?? 0, 5);
      const row = nu[k];
      if (row) row[i] = (row[i] ?? 0) + 1;
    });
    inCycle.fill(0);
  };
  let s = 0;
  let i = 0;
  while (i < n) {
    if ((i & 7) === 0 && i + 8 <= n && (s > 17 || s < -17)) {
      s += BYTE_STEP[((words[i >>> 5] ?? 0) >>> (24 - (i & 31))) & 0xff] ?? 0;
      i += 8;
      continue;
    }
    s += bitAt(words, i) === 1 ? 1 : -1;
    i++;
    if (s === 0) closeCycle();
    else if (s >= -9 && s <= 9) {
      visits[s + 9] = (visits[s + 9] ?? 0) + 1;
      inCycle[s + 9] = (inCycle[s + 9] ?? 0) + 1;
    }
  }
  if (s !== 0) closeCycle();
  return { cycles, nu, visits: VARIANT_STATES.map((x) => visits[x + 9] ?? 0) };
}

/** Class probabilities π_k(x) for |x| = 1..4 (SP 800-22 Table, as sts-2.1.2 tabulates them). */
const PI = [
  [0.5, 0.25, 0.125, 0.0625, 0.03125, 0.03125],
  [0.75, 0.0625, 0.046875, 0.03515625, 0.0263671875, 0.0791015625],
  [0.8333333333, 0.02777777778, 0.02314814815, 0.01929012346, 0.01607510288, 0.0803755143],
  [0.875, 0.015625, 0.013671875, 0.01196289063, 0.0104675293, 0.0732727051],
];

/** One p-value per state of EXCURSION_STATES. */
export function randomExcursionsTest(counts: ExcursionCounts): number[] {
  const J = counts.cycles;
  return EXCURSION_STATES.map((x, i) => {
    const pi = PI[Math.abs(x) - 1] ?? [];
    let sum = 0.0;
    for (let k = 0; k < 6; k++) {
      const expected = J * (pi[k] ?? 0);
      const d = (counts.nu[k]?.[i] ?? 0) - expected;
      sum += (d * d) / expected;
    }
    return igamc(2.5, sum / 2.0);
  });
}

/** One p-value per state of VARIANT_STATES. */
export function randomExcursionsVariantTest(counts: ExcursionCounts): number[] {
  const J = counts.cycles;
  return VARIANT_STATES.map((x, i) =>
    erfc(Math.abs((counts.visits[i] ?? 0) - J) / Math.sqrt(2.0 * J * (4.0 * Math.abs(x) - 2))),
  );
}
