// The GM/T 0005 suite on e against the public reference implementation's values
// (../shared/reference/gmt0005-e.json): the same items in the same order, every P and Q to 1e-12
// except the DFT. That implementation zero-pads the sequence to 2^20 points and counts only
// j < n/2 - 1; the standard (like SP 800-22) transforms the n bits themselves. Applying its two
// deviations to our FFT reproduces its value exactly, so the difference is that choice, not arithmetic.
import { describe, expect, it } from 'vitest';
import { realDftModuli } from './fft';
import { runGmt0005 } from './gmt0005';
import { runSp80022 } from './sp800-22';
import { spectralPeaksBelowThreshold } from './spectral';
import { erfc } from './special-functions';
import { listPValues, reportJsonText } from './suite';
import { eReferenceBits, gmtReference } from './test-support/reference-data';

describe('GM/T 0005 on e against the reference implementation', () => {
  const reference = gmtReference().e;
  const e = eReferenceBits();
  const report = runGmt0005(e);
  const tests = (
    JSON.parse(reportJsonText(report)) as { tests: Record<string, { p: number; q: number; pass: boolean }> }
  ).tests;

  it('reports the same items in the same order, each with P, Q and a verdict', () => {
    expect(Object.keys(tests)).toEqual(Object.keys(reference));
    for (const value of Object.values(tests)) expect(Object.keys(value)).toEqual(['p', 'q', 'pass']);
    expect(report.pass).toBe(true);
  });

  it('agrees on every P and Q but the DFT to 1e-12', () => {
    let maxDeviation = 0;
    for (const [name, expected] of Object.entries(reference)) {
      if (name === 'dft') continue;
      const actual = tests[name];
      const deviation = Math.max(
        Math.abs(expected.p - (actual?.p ?? NaN)),
        Math.abs(expected.q - (actual?.q ?? NaN)),
      );
      expect(deviation, name).toBeLessThan(1e-12);
      maxDeviation = Math.max(maxDeviation, deviation);
    }
    console.log(
      `GM/T 0005 on e: largest deviation from the reference implementation ${maxDeviation.toExponential(2)}`,
    );
  });

  it("explains the DFT difference: 2^20-point zero padding and j < n/2 - 1 reproduce the reference's value", () => {
    const n = e.length;
    const padded = new Float64Array(1 << 20);
    const ownCount = spectralPeaksBelowThreshold(e);
    for (let i = 0; i < n; i++) padded[i] = ((e.words[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1 ? 1 : -1;
    const moduli = realDftModuli(padded);
    const threshold = Math.sqrt(2.995732274 * n);
    let below = 0;
    for (let j = 0; j < n / 2 - 1; j++) if ((moduli[j] ?? Infinity) < threshold) below++;
    const v = (below - (0.95 * n) / 2) / Math.sqrt((0.95 * 0.05 * n) / 3.8);
    expect(erfc(Math.abs(v) / Math.SQRT2)).toBeCloseTo(reference.dft?.p ?? NaN, 12);
    expect(erfc(v / Math.SQRT2) / 2).toBeCloseTo(reference.dft?.q ?? NaN, 12);
    // Ours: the standard's N_1 over j = 0..n/2-1 of the unpadded transform, the count SP 800-22 uses.
    const ownV = (ownCount - (0.95 * n) / 2) / Math.sqrt((0.95 * 0.05 * n) / 3.8);
    expect(tests.dft?.p).toBe(erfc(Math.abs(ownV) / Math.SQRT2));
    expect(tests.dft?.p).toBeCloseTo(0.85101, 5);
  });

  it('shares one implementation with SP 800-22 where the tests coincide', () => {
    const sp = new Map(listPValues(runSp80022(e)).map((v) => [v.id, v.p]));
    const gm = new Map(listPValues(report).map((v) => [v.id, v.p]));
    expect(gm.get('monobit')).toBe(sp.get('Frequency'));
    expect(gm.get('runs')).toBe(sp.get('Runs'));
    expect(gm.get('cumulative_sums_forward')).toBe(sp.get('CumulativeSums.forward'));
    expect(gm.get('cumulative_sums_backward')).toBe(sp.get('CumulativeSums.reverse'));
    expect(gm.get('maurer_universal_L7_Q1280')).toBe(sp.get('Universal'));
  });
});
