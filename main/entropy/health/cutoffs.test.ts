// The SP 800-90B cutoffs against the values the standard tabulates (§4.4.1 and Table 2 of §4.4.2).
import { describe, expect, it } from 'vitest';
import { adaptiveProportionCutoff, repetitionCountCutoff } from './cutoffs';

describe('SP 800-90B cutoffs at α = 2^-20', () => {
  it('repetition count: C = 1 + ⌈20/H⌉', () => {
    expect(repetitionCountCutoff(1, true)).toBe(21);
    expect(repetitionCountCutoff(0.5, true)).toBe(41);
    expect(repetitionCountCutoff(8, false)).toBe(4);
    expect(repetitionCountCutoff(6, false)).toBe(5);
    expect(repetitionCountCutoff(2, false)).toBe(11);
  });

  it('adaptive proportion, binary window 1024: 589 at H = 1', () => {
    expect(adaptiveProportionCutoff(1, true)).toBe(589);
  });

  it("adaptive proportion, non-binary window 512: the standard's Table 2", () => {
    const table: [number, number][] = [
      [0.5, 410],
      [1, 311],
      [2, 177],
      [4, 62],
      [8, 13],
    ];
    for (const [h, cutoff] of table) expect(adaptiveProportionCutoff(h, false)).toBe(cutoff);
  });

  it('a lower false-positive rate, down to 2^-40, raises the cutoffs', () => {
    expect(repetitionCountCutoff(1, true, 40)).toBe(41);
    expect(repetitionCountCutoff(8, false, 40)).toBe(6);
    expect(adaptiveProportionCutoff(1, true, 1024, 40)).toBeGreaterThan(589);
    expect(() => repetitionCountCutoff(1, true, 41)).toThrow(RangeError);
    expect(() => repetitionCountCutoff(1, true, 19)).toThrow(RangeError);
  });

  it('refuses an entropy claim outside (0, 1] per bit or (0, 8] per byte', () => {
    expect(() => repetitionCountCutoff(1.5, true)).toThrow(RangeError);
    expect(() => adaptiveProportionCutoff(0, false)).toThrow(RangeError);
    expect(() => adaptiveProportionCutoff(9, false)).toThrow(RangeError);
  });
});
