// Binary expansions of e, π, √2 and √3 computed with BigInt, in NIST's data.* convention (integer-part
// bits first: e = "10.1011…", π = "11.0010…", √2 = "1.0110…", √3 = "1.1011…"), for testing the battery
// beyond the one reference file. e and π by binary splitting (Σ1/k!, Chudnovsky), the square roots by
// an integer square root that doubles its precision at each level.

/** ⌊√n⌋ for n ≥ 0. */
export function integerSqrt(n: bigint): bigint {
  if (n < 1n << 52n) return BigInt(Math.floor(Math.sqrt(Number(n))));
  const shift = BigInt(n.toString(2).length >> 2);
  // A root of the top half of the digits, scaled up, is correct to about half the digits; Newton
  // steps from there converge quadratically, then the last unit is settled exactly.
  let x = integerSqrt(n >> (2n * shift)) << shift;
  for (;;) {
    const next = (x + n / x) >> 1n;
    const step = next > x ? next - x : x - next;
    x = next;
    if (step <= 1n) break;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** The binary digits of ⌊value·2^fractionBits⌋ given as that integer, padded to `bits` digits. */
function digits(scaled: bigint, bits: number): string {
  return scaled.toString(2).slice(0, bits);
}

/** First `bits` bits of √k (k not a square, 1 < k < 4 so the integer part is one bit). */
export function sqrtBits(k: 2 | 3, bits: number): string {
  const fraction = BigInt(bits - 1);
  return digits(integerSqrt(BigInt(k) << (2n * fraction)), bits);
}

/** Σ_{k=a+1}^{b} 1/((a+1)(a+2)…k) as p/q with q = (a+1)…b. */
function exponentialSeries(a: bigint, b: bigint): [bigint, bigint] {
  if (b - a === 1n) return [1n, b];
  const m = (a + b) / 2n;
  const [pl, ql] = exponentialSeries(a, m);
  const [pr, qr] = exponentialSeries(m, b);
  return [pl * qr + pr, ql * qr];
}

/** First `bits` bits of e. */
export function eBits(bits: number): string {
  const guard = 64;
  // Enough terms that the tail Σ_{k>N} 1/k! is below 2^-(bits + guard): log2(N!) > bits + guard.
  let terms = 1;
  let log2Factorial = 0;
  while (log2Factorial < bits + guard) {
    terms++;
    log2Factorial += Math.log2(terms);
  }
  const [p, q] = exponentialSeries(0n, BigInt(terms));
  const fraction = BigInt(bits - 2 + guard);
  return digits((((q + p) << fraction) / q) >> BigInt(guard), bits);
}

const CHUDNOVSKY_C3_OVER_24 = 640320n ** 3n / 24n;

/** Chudnovsky binary splitting over terms [a, b): [P, Q, T]. */
function chudnovsky(a: bigint, b: bigint): [bigint, bigint, bigint] {
  if (b - a === 1n) {
    const p = a === 0n ? 1n : (6n * a - 5n) * (2n * a - 1n) * (6n * a - 1n);
    const q = a === 0n ? 1n : a * a * a * CHUDNOVSKY_C3_OVER_24;
    const t = p * (13591409n + 545140134n * a);
    return [p, q, a % 2n === 1n ? -t : t];
  }
  const m = (a + b) / 2n;
  const [pl, ql, tl] = chudnovsky(a, m);
  const [pr, qr, tr] = chudnovsky(m, b);
  return [pl * pr, ql * qr, qr * tl + pl * tr];
}

/** First `bits` bits of π: π = 426880·√10005·Q / T. */
export function piBits(bits: number): string {
  const guard = 64;
  const precision = BigInt(bits - 2 + guard);
  // Each term adds log2(640320³/1728) ≈ 47.11 bits.
  const terms = BigInt(Math.ceil((bits + guard) / 47.11) + 2);
  const [, q, t] = chudnovsky(0n, terms);
  const root = integerSqrt(10005n << (2n * precision));
  return digits(((426880n * root * q) / t) >> BigInt(guard), bits);
}
