// The FFT against a direct O(n²) DFT: complex transforms of smooth lengths (2, 3, 4, 5 radices) and of
// lengths with other prime factors (Bluestein), and the moduli of real transforms of odd and even length.
import { describe, expect, it } from 'vitest';
import { testRandom } from '../../crypto/test-random';
import { fft, realDftModuli } from './fft';

function directDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * k) % n)) / n;
      sr += re[j]! * Math.cos(angle) - im[j]! * Math.sin(angle);
      si += re[j]! * Math.sin(angle) + im[j]! * Math.cos(angle);
    }
    outRe[k] = sr;
    outIm[k] = si;
  }
  return [outRe, outIm];
}

const random = testRandom(20260401);

function randomVector(n: number): Float64Array {
  return Float64Array.from({ length: n }, () => random.int(2001) / 1000 - 1);
}

describe('fft', () => {
  const lengths = [
    1, 2, 3, 4, 5, 6, 8, 9, 12, 15, 16, 20, 25, 40, 48, 60, 64, 75, 100, 125, 128, 250, 256, 500, 1000,
  ];
  const awkward = [7, 11, 13, 14, 97, 101, 210, 1009, 1021];

  it('matches the direct DFT for smooth and awkward lengths', () => {
    for (const n of [...lengths, ...awkward]) {
      const re = randomVector(n);
      const im = randomVector(n);
      const [wantRe, wantIm] = directDft(re, im);
      fft(re, im);
      for (let k = 0; k < n; k++) {
        expect(Math.hypot(re[k]! - wantRe[k]!, im[k]! - wantIm[k]!), `n = ${n}, k = ${k}`).toBeLessThan(
          1e-9 * n,
        );
      }
    }
  });

  it('gives the moduli of real transforms of even and odd length', () => {
    for (const n of [2, 3, 10, 17, 64, 100, 126, 1000, 1018]) {
      const x = Float64Array.from({ length: n }, () => (random.int(2) === 1 ? 1 : -1));
      const [wantRe, wantIm] = directDft(x, new Float64Array(n));
      const moduli = realDftModuli(x);
      expect(moduli).toHaveLength((n >>> 1) + 1);
      for (let k = 0; k <= n >>> 1; k++) {
        expect(Math.abs(moduli[k]! - Math.hypot(wantRe[k]!, wantIm[k]!)), `n = ${n}, k = ${k}`).toBeLessThan(
          1e-9 * n,
        );
      }
    }
  });

  it('keeps 10^6-point accuracy: a ±1 sequence transforms to Parseval', () => {
    const n = 1_000_000;
    const x = Float64Array.from({ length: n }, (_, i) => (((i * 2654435761) >>> 7) & 1 ? 1 : -1));
    const moduli = realDftModuli(x);
    // Σ|X_k|² over all k = n·Σx² = n²; the real spectrum is symmetric, so count 1..n/2-1 twice.
    let energy = moduli[0]! ** 2 + moduli[n / 2]! ** 2;
    for (let k = 1; k < n / 2; k++) energy += 2 * moduli[k]! ** 2;
    expect(Math.abs(energy / (n * n) - 1)).toBeLessThan(1e-12);
  });
});
