// The continuous tests against a sample-by-sample rendering of SP 800-90B §4.4.1–4.4.2: same trip, at
// the same sample, however the stream is cut into chunks; stuck and biased sources trip, a good one
// does not.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContinuousTests, type SampleKind, type TestTrip } from './continuous-tests';

function samplesOf(data: Uint8Array, kind: SampleKind): number[] {
  if (kind === 'bytes') return [...data];
  return [...data].flatMap((b) => Array.from({ length: 8 }, (_, i) => (b >>> (7 - i)) & 1));
}

/** SP 800-90B's pseudocode, one sample at a time. */
function reference(data: Uint8Array, kind: SampleKind, h: number): TestTrip | null {
  const t = new ContinuousTests(kind, h);
  const samples = samplesOf(data, kind);
  let a = -1;
  let b = 0;
  let ref = 0;
  let count = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    if (s === a) {
      if (++b >= t.rctCutoff)
        return { test: 'repetition-count', sample: i, observed: b, cutoff: t.rctCutoff };
    } else {
      a = s;
      b = 1;
    }
    if (i % t.window === 0) {
      ref = s;
      count = 1;
    } else if (s === ref && ++count >= t.aptCutoff) {
      return { test: 'adaptive-proportion', sample: i, observed: count, cutoff: t.aptCutoff };
    }
  }
  return null;
}

function inChunks(data: Uint8Array, kind: SampleKind, h: number, chunk: number): TestTrip | null {
  const t = new ContinuousTests(kind, h);
  for (let o = 0; o < data.length; o += chunk) {
    const trip = t.test(data.subarray(o, o + chunk));
    if (trip) return trip;
  }
  return null;
}

/** A small seeded generator, so that the biased streams are the same on every run. */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Bytes whose bits are 1 with probability p1, or bytes equal to 0 with probability p0. */
function biased(n: number, seed: number, bits: boolean, p: number): Uint8Array {
  const next = seeded(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (bits) {
      let v = 0;
      for (let k = 0; k < 8; k++) v = (v << 1) | (next() < p ? 1 : 0);
      out[i] = v;
    } else {
      out[i] = next() < p ? 0 : Math.floor(next() * 256);
    }
  }
  return out;
}

/** Random data with the given bytes written at an offset (a run planted in a good stream). */
function withRun(data: Uint8Array, offset: number, run: readonly number[]): Uint8Array {
  data.set(run, offset);
  return data;
}

describe('continuous health tests', () => {
  it('a stuck source trips the repetition count test at once', () => {
    const stuck = new Uint8Array(4096).fill(0xa5);
    expect(new ContinuousTests('bytes', 8).test(stuck)).toEqual({
      test: 'repetition-count',
      sample: 3,
      observed: 4,
      cutoff: 4,
    });
    expect(new ContinuousTests('bits', 1).test(new Uint8Array(4096))).toEqual({
      test: 'repetition-count',
      sample: 20,
      observed: 21,
      cutoff: 21,
    });
  });

  it('a biased source trips the adaptive proportion test', () => {
    // Every other byte 0x55, the rest never 0x55: no runs, but 256 of each 512-sample window.
    const bytes = randomBytes(4096).map((b, i) => (i % 2 === 0 ? 0x55 : b === 0x55 ? 0x56 : b));
    const trip = new ContinuousTests('bytes', 6).test(bytes);
    expect(trip).toEqual({ test: 'adaptive-proportion', sample: 48, observed: 25, cutoff: 25 });
    // 0xee: six ones in eight bits, runs of three at most; the 589th one of the first window.
    expect(new ContinuousTests('bits', 1).test(new Uint8Array(1024).fill(0xee))).toEqual({
      test: 'adaptive-proportion',
      sample: 98 * 8,
      observed: 589,
      cutoff: 589,
    });
  });

  it('agrees with the standard’s sample-by-sample pseudocode, whatever the chunking', () => {
    const cases: [SampleKind, number, Uint8Array][] = [
      ['bytes', 8, biased(20_000, 1, false, 0.02)],
      ['bytes', 4, biased(50_000, 2, false, 0.2)],
      ['bytes', 2, biased(50_000, 3, false, 0.3)],
      ['bits', 1, biased(20_000, 4, true, 0.58)],
      ['bits', 1, biased(20_000, 5, true, 0.62)],
      ['bits', 0.5, biased(20_000, 6, true, 0.85)],
      ['bits', 0.8, biased(20_000, 7, true, 0.3)],
      ['bytes', 4, withRun(randomBytes(20_000), 12_345, [9, 9, 9, 9, 9, 9])],
      ['bits', 0.5, withRun(randomBytes(20_000), 777, [0x07, 0xff, 0xff, 0xff, 0xff, 0xfe])],
    ];
    for (const [kind, h, data] of cases) {
      const expected = reference(data, kind, h);
      expect(expected).not.toBeNull();
      for (const chunk of [1, 7, 128, 1000, data.length])
        expect(inChunks(data, kind, h, chunk)).toEqual(expected);
    }
  });

  it('a good source does not trip in 8 MB', () => {
    // With H = 4 per byte (RCT cutoff 6, APT 62 of 512) a uniform source trips with probability about
    // 2^23 · 2^-40 in byte mode; with H = 0.5 per bit (cutoffs 41 and 793 of 1024), 2^26 · 2^-40.
    const bytes = new ContinuousTests('bytes', 4);
    const bits = new ContinuousTests('bits', 0.5);
    for (let i = 0; i < 8; i++) {
      const chunk = randomBytes(1 << 20);
      expect(bytes.test(chunk)).toBeNull();
      expect(bits.test(chunk)).toBeNull();
    }
    expect(bytes.samplesTested).toBe(8 << 20);
    expect(bits.samplesTested).toBe(64 << 20);
  });

  it('reports the extremes for the margins and refuses more output after a trip until restarted', () => {
    const t = new ContinuousTests('bytes', 8);
    expect(t.test(Uint8Array.of(1, 2, 2, 3, 3, 3))).toBeNull();
    expect(t.extremes().maxRun).toBe(3);
    expect(t.test(Uint8Array.of(3))).not.toBeNull();
    expect(() => t.test(Uint8Array.of(4))).toThrow(/restart/);
    t.restart();
    expect(t.test(Uint8Array.of(4))).toBeNull();
    expect(t.samplesTested).toBe(1);
  });
});
