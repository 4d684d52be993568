// The special functions against identities that hold exactly (igamc(1, x) = e^-x, igamc(1/2, x) =
// erfc(√x), igam + igamc = 1, the integer-order Poisson sum, lgam at integers) and against values of
// erf/erfc, lgam and the normal CDF known to full double precision.
import { describe, expect, it } from 'vitest';
import { erf, erfc, igam, igamc, lgam, normalCdf, normalPQ } from './special-functions';

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
}

describe('special functions', () => {
  it('erf and erfc match reference values to an ulp or two', () => {
    const cases: [number, number, number][] = [
      [0.1, 0.1124629160182849, 0.887537083981715],
      [0.5, 0.5204998778130465, 0.4795001221869535],
      [1, 0.8427007929497149, 0.15729920705028513],
      [2, 0.9953222650189527, 0.004677734981047266],
      [3, 0.9999779095030014, 2.209049699858544e-5],
      [5, 0.9999999999984626, 1.5374597944280349e-12],
    ];
    for (const [x, erfValue, erfcValue] of cases) {
      expect(relative(erf(x), erfValue), `erf(${x})`).toBeLessThan(4e-16);
      expect(relative(erfc(x), erfcValue), `erfc(${x})`).toBeLessThan(4e-16);
      expect(erf(-x)).toBe(-erf(x));
      expect(relative(erfc(-x), 2 - erfcValue)).toBeLessThan(4e-16);
    }
    expect(erfc(30)).toBe(0);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
  });

  it('lgam is log Γ', () => {
    expect(lgam(1)).toBe(0);
    expect(lgam(2)).toBe(0);
    expect(relative(lgam(0.5), 0.5723649429247001)).toBeLessThan(1e-15);
    expect(relative(lgam(2.5), 0.2846828704729192)).toBeLessThan(1e-15);
    expect(relative(lgam(10), Math.log(362880))).toBeLessThan(1e-15);
    expect(relative(lgam(100), 359.1342053695754)).toBeLessThan(1e-15);
    let logFactorial = 0;
    for (let k = 2; k < 3906; k++) logFactorial += Math.log(k);
    expect(relative(lgam(3906), logFactorial)).toBeLessThan(1e-13);
    expect(() => lgam(0)).toThrow(RangeError);
  });

  it('igamc satisfies its identities across the regimes sts uses', () => {
    for (const x of [0.01, 0.3, 1, 2.5, 7, 20, 100]) {
      expect(relative(igamc(1, x), Math.exp(-x)), `igamc(1, ${x})`).toBeLessThan(1e-14);
      expect(relative(igamc(0.5, x), erfc(Math.sqrt(x))), `igamc(1/2, ${x})`).toBeLessThan(1e-13);
      // Integer order: Q(k, x) = e^-x Σ_{j<k} x^j/j!.
      let term = Math.exp(-x);
      let sum = term;
      for (let j = 1; j < 3; j++) {
        term *= x / j;
        sum += term;
      }
      expect(relative(igamc(3, x), sum), `igamc(3, ${x})`).toBeLessThan(1e-13);
      for (const a of [0.5, 2.5, 8, 512, 3906]) expect(igam(a, x) + igamc(a, x)).toBeCloseTo(1, 14);
    }
    expect(igamc(4.5, 0)).toBe(1);
    expect(igamc(2, -1)).toBe(1);
    expect(igamc(2, 1e6)).toBe(0);
  });

  it('normalCdf and the normal P/Q pair', () => {
    expect(relative(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-15);
    expect(relative(normalCdf(-1.96), 0.024997895148220435)).toBeLessThan(1e-14);
    expect(normalCdf(0)).toBe(0.5);
    const { p, q } = normalPQ(-1.5);
    expect(p).toBe(erfc(1.5 / Math.SQRT2));
    expect(q).toBeCloseTo(1 - p / 2, 15);
    expect(normalPQ(1.5).q).toBeCloseTo(p / 2, 15);
  });
});
