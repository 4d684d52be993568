// The battery on 10^6 bits of π, √2 and √3 from our own generator against SP 800-22 rev1a Appendix B
// (one p-value per test, six decimals; sts-2.1.2 reproduces them, and its Serial p2 values are in
// the reference notes), and the same sequences read as ASCII and as bytes giving identical reports.
import { describe, expect, it } from 'vitest';
import { bitsFromAscii, bitsFromBytes, type BitSequence } from './bit-sequence';
import { runGmt0005 } from './gmt0005';
import { runSp80022 } from './sp800-22';
import { listPValues, type SuiteReport } from './suite';
import { piBits, sqrtBits } from './test-support/constant-expansions';
import { bytesOf } from './test-support/bit-strings';

const ROWS = [
  'Frequency',
  'BlockFrequency',
  'CumulativeSums.forward',
  'CumulativeSums.reverse',
  'Runs',
  'LongestRun',
  'Rank',
  'FFT',
  'NonOverlappingTemplate.000000001',
  'OverlappingTemplate',
  'Universal',
  'ApproximateEntropy',
  'RandomExcursions.+1',
  'RandomExcursionsVariant.-1',
  'LinearComplexity',
  'Serial.p1',
  'Serial.p2',
] as const;

const APPENDIX_B: Record<string, readonly number[]> = {
  pi: [
    0.578211, 0.380615, 0.628308, 0.663369, 0.419268, 0.02439, 0.083553, 0.010186, 0.165757, 0.296897,
    0.669012, 0.361595, 0.844143, 0.760966, 0.255475, 0.143005, 0.034354,
  ],
  sqrt2: [
    0.811881, 0.833222, 0.879009, 0.957206, 0.313427, 0.012117, 0.82381, 0.581909, 0.569461, 0.791982,
    0.130805, 0.88474, 0.216235, 0.566118, 0.317127, 0.861925, 0.629225,
  ],
  sqrt3: [
    0.610051, 0.473961, 0.917121, 0.689519, 0.261123, 0.446726, 0.314498, 0.776046, 0.532235, 0.082716,
    0.165981, 0.180481, 0.783283, 0.155066, 0.346469, 0.1575, 0.1711,
  ],
};

const N = 1_000_000;
const sequences: Record<string, string> = { pi: piBits(N), sqrt2: sqrtBits(2, N), sqrt3: sqrtBits(3, N) };

function ascii(text: string): BitSequence {
  return bitsFromAscii(new TextEncoder().encode(text));
}

describe('SP 800-22 Appendix B on generated π, √2, √3', () => {
  const reports = new Map<string, SuiteReport>();
  for (const [name, text] of Object.entries(sequences)) reports.set(name, runSp80022(ascii(text)));

  for (const [name, expected] of Object.entries(APPENDIX_B)) {
    it(`${name}: every Appendix B p-value to its six decimals`, () => {
      const values = new Map(listPValues(reports.get(name)!).map((v) => [v.id, v.p]));
      ROWS.forEach((row, i) => {
        expect(Math.abs((values.get(row) ?? NaN) - expected[i]!), `${name} ${row}`).toBeLessThanOrEqual(
          5e-7 + 1e-12,
        );
      });
      expect(reports.get(name)!.tests.every((t) => t.notApplicable === null)).toBe(true);
    });
  }

  it('reads the same bits, and gives the same report, from ASCII and from bytes', () => {
    const text = sequences.pi!;
    const fromBytes = bitsFromBytes(bytesOf(text));
    expect(fromBytes.length).toBe(N);
    expect(fromBytes.words).toEqual(ascii(text).words);
    expect(runSp80022(fromBytes)).toEqual(reports.get('pi'));
    expect(runGmt0005(fromBytes)).toEqual(runGmt0005(ascii(text)));
  });
});
