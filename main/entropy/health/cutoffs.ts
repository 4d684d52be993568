// SP 800-90B §4.4 cutoffs at the false-positive rate α = 2^-20 (the standard allows down to 2^-40): the
// Repetition Count Test's C = 1 + ⌈-log2(α)/H⌉, and the Adaptive Proportion Test's
// C = 1 + CRITBINOM(W, 2^-H, 1 - α), the smallest C with P(B(W, 2^-H) ≥ C) ≤ α, over a window of
// W = 1024 binary or 512 non-binary samples.

/** -log2 α by default: α = 2^-20. */
export const ALPHA_EXPONENT = 20;
/** The range of -log2 α SP 800-90B recommends. */
export const MIN_ALPHA_EXPONENT = 20;
export const MAX_ALPHA_EXPONENT = 40;

export const APT_WINDOW_BINARY = 1024;
export const APT_WINDOW_NON_BINARY = 512;

/** Highest min-entropy a sample can claim: 1 bit for binary samples, 8 for bytes. */
export function maxEntropy(binary: boolean): number {
  return binary ? 1 : 8;
}

function checkParameters(h: number, binary: boolean, alphaExponent: number): void {
  if (!(h > 0 && h <= maxEntropy(binary))) {
    throw new RangeError(`min-entropy per sample must be in (0, ${maxEntropy(binary)}], got ${h}`);
  }
  if (!(alphaExponent >= MIN_ALPHA_EXPONENT && alphaExponent <= MAX_ALPHA_EXPONENT)) {
    throw new RangeError(
      `-log2 α must be in [${MIN_ALPHA_EXPONENT}, ${MAX_ALPHA_EXPONENT}], got ${alphaExponent}`,
    );
  }
}

/** Repetition Count Test cutoff: a run of C identical samples fails. */
export function repetitionCountCutoff(h: number, binary: boolean, alphaExponent = ALPHA_EXPONENT): number {
  checkParameters(h, binary, alphaExponent);
  return 1 + Math.ceil(alphaExponent / h);
}

/** ln C(n, k) for 0 ≤ k ≤ n, summed term by term (n is a window size, at most a few thousand). */
function logBinomialCoefficient(n: number, k: number): number {
  const j = Math.min(k, n - k);
  let sum = 0;
  for (let i = 1; i <= j; i++) sum += Math.log(n - j + i) - Math.log(i);
  return sum;
}

/**
 * Adaptive Proportion Test cutoff: the smallest C with P(B(W, 2^-H) ≥ C) ≤ α. The upper tail is summed
 * from its far end, smallest terms first, so each partial sum is accurate to the last bits of a double.
 */
export function adaptiveProportionCutoff(
  h: number,
  binary: boolean,
  window: number = aptWindow(binary),
  alphaExponent = ALPHA_EXPONENT,
): number {
  checkParameters(h, binary, alphaExponent);
  const p = 2 ** -h;
  const alpha = 2 ** -alphaExponent;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let tail = 0;
  for (let c = window; c >= 1; c--) {
    const term = Math.exp(logBinomialCoefficient(window, c) + c * logP + (window - c) * logQ);
    if (tail + term > alpha) return c + 1;
    tail += term;
  }
  return 1;
}

export function aptWindow(binary: boolean): number {
  return binary ? APT_WINDOW_BINARY : APT_WINDOW_NON_BINARY;
}
