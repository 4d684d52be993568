// The SP 800-22 battery on e against sts-2.1.2's own output (../shared/reference/sts-2.1.2-e.json):
// the same tests, sub-keys and order, and every full-precision p-value to 1e-9 (sts's FFT and cephes
// included); the largest deviation found is printed.
import { describe, expect, it } from 'vitest';
import { aperiodicTemplates } from './non-overlapping-template';
import { runSp80022 } from './sp800-22';
import { reportJsonText } from './suite';
import { eReferenceBits, stsReference, stsSubKeysInFileOrder } from './test-support/reference-data';

describe('SP 800-22 on e against sts-2.1.2', () => {
  const reference = stsReference();
  const report = runSp80022(eReferenceBits());
  const json = JSON.parse(reportJsonText(report)) as {
    tests: Record<string, { p: number | Record<string, number>; pass: boolean }>;
  };
  const tests = json.tests;

  it('reports the tests and sub-keys sts-2.1.2 reports, in its order', () => {
    expect(Object.keys(tests)).toEqual(Object.keys(reference.p_values_full_precision));
    for (const t of report.tests) {
      const expected = reference.p_values_full_precision[t.name];
      if (typeof expected === 'number') expect(t.pValues.map((v) => v.key)).toEqual([null]);
      else expect(t.pValues.map((v) => v.key)).toEqual(stsSubKeysInFileOrder(t.name));
    }
    expect(report.n).toBe(1_000_000);
    expect(report.tests.every((t) => t.notApplicable === null)).toBe(true);
  });

  it('generates the 148 aperiodic 9-bit templates in the order of templates/template9', () => {
    const keys = stsSubKeysInFileOrder('NonOverlappingTemplate');
    expect(keys).toHaveLength(148);
    expect(aperiodicTemplates(9).map((t) => t.toString(2).padStart(9, '0'))).toEqual(keys);
  });

  it('matches every full-precision p-value to 1e-9 and every printed one to its six decimals', () => {
    let maxDeviation = 0;
    let worst = '';
    for (const [name, expected] of Object.entries(reference.p_values_full_precision)) {
      const actual = tests[name]?.p;
      const printed = reference.p_values_6dp[name];
      const pairs: [string, number, number, number][] =
        typeof expected === 'number'
          ? [
              [
                name,
                expected,
                typeof actual === 'number' ? actual : NaN,
                typeof printed === 'number' ? printed : NaN,
              ],
            ]
          : Object.entries(expected).map(([key, value]) => [
              `${name}.${key}`,
              value,
              typeof actual === 'object' ? (actual[key] ?? NaN) : NaN,
              typeof printed === 'object' ? (printed[key] ?? NaN) : NaN,
            ]);
      for (const [id, want, got, sixDecimals] of pairs) {
        const deviation = Math.abs(want - got);
        if (!(deviation <= maxDeviation)) {
          maxDeviation = deviation;
          worst = id;
        }
        expect(deviation, id).toBeLessThanOrEqual(1e-9);
        expect(Number(got.toFixed(6)), id).toBe(sixDecimals);
      }
    }
    console.log(`sts-2.1.2 on e: largest p-value deviation ${maxDeviation.toExponential(2)} (${worst})`);
    expect(maxDeviation).toBeLessThan(1e-12);
  });

  it('judges each p-value at α = 0.01: e fails three templates and RandomExcursions x = -1', () => {
    const failing = report.tests.flatMap((t) =>
      t.pValues.filter((v) => !v.pass).map((v) => `${t.name}.${v.key ?? ''}`),
    );
    expect(failing).toEqual([
      'NonOverlappingTemplate.010001011',
      'NonOverlappingTemplate.110101100',
      'NonOverlappingTemplate.111110000',
      'RandomExcursions.-1',
    ]);
    expect(report.pass).toBe(false);
    expect(tests.Frequency?.pass).toBe(true);
    expect(tests.NonOverlappingTemplate?.pass).toBe(false);
  });
});
