// The two SP 800-90B §4.4 continuous health tests run together over a stream of byte chunks, state
// carried across chunks. Byte samples (non-binary, one sample per byte) or bit samples (binary, eight
// per byte, most significant bit first). The loops are the hot path of every byte a source delivers:
// state lives in locals, bit samples are handled a byte at a time by table.
import { adaptiveProportionCutoff, ALPHA_EXPONENT, aptWindow, repetitionCountCutoff } from './cutoffs';

export type SampleKind = 'bits' | 'bytes';
export type HealthTestName = 'repetition-count' | 'adaptive-proportion';

/** Where a test first reached its cutoff, in samples since the tests were (re)started. */
export interface TestTrip {
  readonly test: HealthTestName;
  readonly sample: number;
  /** The run length (RCT) or in-window count (APT) that reached the cutoff. */
  readonly observed: number;
  readonly cutoff: number;
}

export interface TestExtremes {
  /** Longest run of identical samples seen (bit samples: of the runs reaching a byte boundary). */
  readonly maxRun: number;
  /** Highest count of a window's first sample within its window seen (the open window included). */
  readonly maxCount: number;
}

function byteTable(f: (b: number) => number): Uint8Array {
  return Uint8Array.from({ length: 256 }, (_, b) => f(b));
}

/** Number of one bits. */
const ONES = byteTable((b) => {
  let n = 0;
  for (let v = b; v !== 0; v >>>= 1) n += v & 1;
  return n;
});
const ZEROS = byteTable((b) => 8 - (ONES[b] ?? 0));
/** Bits from the most significant one that equal it (8 for 0x00 and 0xff). */
const LEADING = byteTable((b) => {
  let n = 1;
  while (n < 8 && ((b >>> (7 - n)) & 1) === b >>> 7) n++;
  return n;
});
/** Bits from the least significant one that equal it. */
const TRAILING = byteTable((b) => {
  let n = 1;
  while (n < 8 && ((b >>> n) & 1) === (b & 1)) n++;
  return n;
});

/** Index (0 = most significant) of the bit at which `count` matching bits of `b` have been seen. */
function nthMatchingBit(b: number, bit: number, count: number): number {
  let seen = 0;
  for (let i = 0; i < 8; i++) {
    if (((b >>> (7 - i)) & 1) === bit && ++seen === count) return i;
  }
  return 7;
}

export class ContinuousTests {
  readonly rctCutoff: number;
  readonly aptCutoff: number;
  readonly window: number;
  private samples = 0;
  private tripped = false;
  // Repetition Count Test: the current run's value and length.
  private last = -1;
  private run = 0;
  private maxRun = 0;
  // Adaptive Proportion Test: the window's first sample, its count, the position within the window.
  private ref = 0;
  private count = 0;
  private pos = 0;
  private maxCount = 0;

  constructor(
    readonly kind: SampleKind,
    readonly minEntropy: number,
    readonly alphaExponent: number = ALPHA_EXPONENT,
  ) {
    const binary = kind === 'bits';
    this.window = aptWindow(binary);
    this.rctCutoff = repetitionCountCutoff(minEntropy, binary, alphaExponent);
    this.aptCutoff = adaptiveProportionCutoff(minEntropy, binary, this.window, alphaExponent);
  }

  /** Samples tested since construction or the last restart. */
  get samplesTested(): number {
    return this.samples;
  }

  extremes(): TestExtremes {
    return { maxRun: this.maxRun, maxCount: Math.max(this.maxCount, this.count) };
  }

  /** Forget the extremes (a new margin interval); the tests themselves go on. */
  resetExtremes(): void {
    this.maxRun = this.run;
    this.maxCount = 0;
  }

  /** Start over as on a fresh stream. */
  restart(): void {
    this.samples = 0;
    this.tripped = false;
    this.last = -1;
    this.run = 0;
    this.ref = 0;
    this.count = 0;
    this.pos = 0;
    this.maxRun = 0;
    this.maxCount = 0;
  }

  /** Test a chunk; the first trip, or null when both tests passed every sample. */
  test(chunk: Uint8Array): TestTrip | null {
    if (this.tripped) throw new Error('the health tests tripped: restart them before testing more output');
    const trip = this.kind === 'bytes' ? this.testByteSamples(chunk) : this.testBitSamples(chunk);
    this.tripped = trip !== null;
    return trip;
  }

  private testByteSamples(chunk: Uint8Array): TestTrip | null {
    const rctCutoff = this.rctCutoff;
    const aptCutoff = this.aptCutoff;
    const window = this.window;
    let last = this.last;
    let run = this.run;
    let maxRun = this.maxRun;
    let ref = this.ref;
    let count = this.count;
    let pos = this.pos;
    let maxCount = this.maxCount;
    let trip: TestTrip | null = null;
    const n = chunk.length;
    let i = 0;
    for (; i < n; i++) {
      const b = chunk[i] ?? 0;
      if (b === last) {
        // maxRun stays below the cutoff until a trip, so only a new longest run can trip.
        if (++run > maxRun) {
          maxRun = run;
          if (run >= rctCutoff) {
            trip = { test: 'repetition-count', sample: this.samples + i, observed: run, cutoff: rctCutoff };
            break;
          }
        }
      } else {
        last = b;
        run = 1;
      }
      if (pos === 0) {
        ref = b;
        count = 1;
      } else if (b === ref && ++count >= aptCutoff) {
        trip = { test: 'adaptive-proportion', sample: this.samples + i, observed: count, cutoff: aptCutoff };
        break;
      }
      if (++pos === window) {
        if (count > maxCount) maxCount = count;
        pos = 0;
      }
    }
    this.samples += trip === null ? n : i + 1;
    this.last = last;
    this.run = run;
    this.maxRun = Math.max(maxRun, run);
    this.ref = ref;
    this.count = count;
    this.pos = pos;
    this.maxCount = maxCount;
    return trip;
  }

  // Binary samples. The cutoffs for H ≤ 1 are at least 21, so a failing run always crosses a byte
  // boundary: runs are followed through each byte's leading and trailing bits only. APT windows are
  // whole bytes (1024 bits), so a window's count is a sum of per-byte counts of its first bit's value.
  private testBitSamples(chunk: Uint8Array): TestTrip | null {
    const rctCutoff = this.rctCutoff;
    const aptCutoff = this.aptCutoff;
    const windowBytes = this.window >>> 3;
    let last = this.last;
    let run = this.run;
    let maxRun = this.maxRun;
    let ref = this.ref;
    let count = this.count;
    let pos = this.pos;
    let maxCount = this.maxCount;
    let matches = ref === 1 ? ONES : ZEROS;
    let trip: TestTrip | null = null;
    const n = chunk.length;
    let i = 0;
    for (; i < n; i++) {
      const b = chunk[i] ?? 0;
      const top = b >>> 7;
      const lead = LEADING[b] ?? 0;
      // Branch-free: (top ^ last) - 1 is all ones when the run goes on, 0 when it breaks (before the
      // first byte last is -1 and run 0).
      const before = run & ((top ^ last) - 1);
      run = before + lead;
      if (run > maxRun) {
        maxRun = run;
        if (run >= rctCutoff) {
          const bit = rctCutoff - before - 1;
          trip = {
            test: 'repetition-count',
            sample: this.samples + 8 * i + bit,
            observed: rctCutoff,
            cutoff: rctCutoff,
          };
          break;
        }
      }
      if (lead < 8) {
        last = b & 1;
        run = TRAILING[b] ?? 0;
      } else {
        last = top;
      }
      if (pos === 0) {
        ref = top;
        matches = ref === 1 ? ONES : ZEROS;
        count = 0;
      }
      const counted = count;
      count += matches[b] ?? 0;
      if (count >= aptCutoff) {
        const bit = nthMatchingBit(b, ref, aptCutoff - counted);
        trip = {
          test: 'adaptive-proportion',
          sample: this.samples + 8 * i + bit,
          observed: aptCutoff,
          cutoff: aptCutoff,
        };
        break;
      }
      if (++pos === windowBytes) {
        if (count > maxCount) maxCount = count;
        pos = 0;
      }
    }
    this.samples += trip === null ? 8 * n : trip.sample - this.samples + 1;
    this.last = last;
    this.run = run;
    this.maxRun = Math.max(maxRun, run);
    this.ref = ref;
    this.count = count;
    this.pos = pos;
    this.maxCount = maxCount;
    return trip;
  }
}
