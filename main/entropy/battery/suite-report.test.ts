// What a suite run reports: tests that do not apply are named with the reason (never a made-up
// p-value), the JSON layout (single p, {SUBKEY: p}, P and Q for GM/T, null for not applicable) in the
// suite's key order, GM/T parameters by sample scale, and a family subset.
import { describe, expect, it } from 'vitest';
import { gmt0005Tests, gmtParameters, runGmt0005 } from './gmt0005';
import { runSp80022 } from './sp800-22';
import { listPValues, reportJsonText } from './suite';
import { piBits } from './test-support/constant-expansions';
import { bitsOf } from './test-support/bit-strings';

describe('suite reports', () => {
  const short = bitsOf(piBits(20_000));

  it('reports tests that do not apply, with the reason, and judges the rest', () => {
    const report = runSp80022(short);
    const byName = new Map(report.tests.map((t) => [t.name, t]));
    expect(byName.get('Universal')?.notApplicable).toMatch(/387840 bits/);
    expect(byName.get('RandomExcursions')?.notApplicable).toMatch(
      /^the walk has \d+ cycles, the test needs at least 500$/,
    );
    expect(byName.get('RandomExcursionsVariant')?.pValues).toEqual([]);
    expect(byName.get('Frequency')?.pValues).toHaveLength(1);
    expect(listPValues(report).every((v) => v.p >= 0 && v.p <= 1 && v.q === null)).toBe(true);
    expect(report.pass).toBe(listPValues(report).every((v) => v.pass));
    expect(
      runSp80022(bitsOf('0110'))
        .tests.filter((t) => t.notApplicable === null)
        .map((t) => t.name),
    ).toEqual(['Frequency', 'CumulativeSums', 'Runs', 'FFT', 'ApproximateEntropy', 'Serial']);
    expect(() => runSp80022(bitsOf(''))).toThrow(RangeError);
  });

  it('writes the JSON layout in the suite order', () => {
    const text = reportJsonText(runSp80022(short));
    const json = JSON.parse(text) as {
      suite: string;
      n: number;
      tests: Record<string, Record<string, unknown>>;
    };
    expect(json.suite).toBe('sp800-22');
    expect(json.n).toBe(20_000);
    const shape = (entry: Record<string, unknown> | undefined): Record<string, string> =>
      Object.fromEntries(
        Object.entries(entry ?? {}).map(([key, value]) => [key, value === null ? 'null' : typeof value]),
      );
    expect(shape(json.tests.Frequency)).toEqual({ p: 'number', pass: 'boolean' });
    expect(shape(json.tests.Universal)).toEqual({ p: 'null', pass: 'null', notApplicable: 'string' });
    expect(shape(json.tests.Serial)).toEqual({ p: 'object', pass: 'boolean' });
    expect(Object.keys(json.tests.Serial?.p ?? {})).toEqual(['p1', 'p2']);
    // Keys appear in the suite's order even where a plain object would reorder them.
    expect(text.indexOf('"000000001"')).toBeLessThan(text.indexOf('"100000000"'));
    const gm = JSON.parse(reportJsonText(runGmt0005(short))) as {
      tests: Record<string, Record<string, unknown>>;
    };
    expect(shape(gm.tests.monobit)).toEqual({ p: 'number', q: 'number', pass: 'boolean' });
  });

  it('picks GM/T 0005 parameters by scale and runs a family subset', () => {
    expect(gmtParameters(20_000)).toMatchObject({ blockFrequencyM: 1000, longestRunM: 128 });
    expect(gmtParameters(1_000_000)).toMatchObject({ blockFrequencyM: 10_000, longestRunM: 10000 });
    expect(gmtParameters(100_000_000)).toMatchObject({ serialM: [3, 5, 7], linearComplexityM: [5000] });
    expect(gmt0005Tests(1_000_000).map((t) => t.name)).toHaveLength(26);
    const names = gmt0005Tests(20_000, ['serial', 'dft']).map((t) => t.name);
    expect(names).toEqual(['serial_m3_p1', 'serial_m3_p2', 'serial_m5_p1', 'serial_m5_p2', 'dft']);
    const report = runGmt0005(short);
    expect(report.tests.find((t) => t.name === 'maurer_universal_L7_Q1280')?.notApplicable).toMatch(/904960/);
  });
});
