// Double-precision FFT for any length, for the spectral (DFT) tests. Lengths whose factors are all 2,
// 3 and 5 (10^6 = 2^6·5^6, 2·10^4, powers of two) use a mixed-radix Stockham transform (radix 4, 2, 3,
// 5) with twiddles from one table of directly evaluated cos/sin values; any other length goes through
// Bluestein's chirp-z transform on a power-of-two convolution. A real input of even length n is packed
// into a complex transform of length n/2. Plans (twiddles and scratch vectors) are cached per length,
// so repeated transforms of one length (a battery over many samples) allocate nothing new.

interface Plan {
  readonly n: number;
  /** Radices, one Stockham pass each. */
  readonly radices: readonly number[];
  /** cos/sin(2πk/n), k = 0..n-1. */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  /** Scratch vectors the passes alternate with. */
  readonly workRe: Float64Array;
  readonly workIm: Float64Array;
}

interface BluesteinPlan {
  readonly n: number;
  readonly inner: Plan;
  /** Chirp e^{-iπk²/n}, k = 0..n-1. */
  readonly chirpRe: Float64Array;
  readonly chirpIm: Float64Array;
  /** Transform of the conjugate chirp laid out for circular convolution. */
  readonly kernelRe: Float64Array;
  readonly kernelIm: Float64Array;
  /** Convolution scratch. */
  readonly workRe: Float64Array;
  readonly workIm: Float64Array;
}

interface RealPlan {
  /** cos/sin(2πk/n), k = 0..n/2, for untangling the half-length transform. */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  /** The packed half-length input and its transform. */
  readonly zr: Float64Array;
  readonly zi: Float64Array;
}

const plans = new Map<number, Plan>();
const bluesteinPlans = new Map<number, BluesteinPlan>();
const realPlans = new Map<number, RealPlan>();

function smoothRadices(n: number): number[] | null {
  const radices: number[] = [];
  let rest = n;
  while (rest % 4 === 0) {
    radices.push(4);
    rest /= 4;
  }
  for (const p of [2, 3, 5]) {
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  return rest === 1 ? radices : null;
}

/**
 * cos/sin(2πk/n) for k = 0..count-1 (count ≤ n). When 8 divides n only the first octant is evaluated
 * and the rest follows from exact symmetries; otherwise every value is evaluated directly.
 */
function turnTable(n: number, count: number): { readonly cos: Float64Array; readonly sin: Float64Array } {
  const cos = new Float64Array(count);
  const sin = new Float64Array(count);
  if (n % 8 !== 0) {
    for (let k = 0; k < count; k++) {
      const angle = (2 * Math.PI * k) / n;
      cos[k] = Math.cos(angle);
      sin[k] = Math.sin(angle);
    }
    return { cos, sin };
  }
  const eighth = n / 8;
  const quarter = n / 4;
  const half = n / 2;
  const octant = Math.min(count, eighth + 1);
  for (let k = 0; k < octant; k++) {
    const angle = (2 * Math.PI * k) / n;
    cos[k] = Math.cos(angle);
    sin[k] = Math.sin(angle);
  }
  for (let k = octant; k < count; k++) {
    if (k <= quarter) {
      cos[k] = sin[quarter - k] ?? 0;
      sin[k] = cos[quarter - k] ?? 0;
    } else if (k <= half) {
      cos[k] = -(cos[half - k] ?? 0);
      sin[k] = sin[half - k] ?? 0;
    } else {
      cos[k] = cos[n - k] ?? 0;
      sin[k] = -(sin[n - k] ?? 0);
    }
  }
  return { cos, sin };
}

function makePlan(n: number, radices: readonly number[]): Plan {
  return { n, radices, ...turnTable(n, n), workRe: new Float64Array(n), workIm: new Float64Array(n) };
}

function smoothPlan(n: number, radices: readonly number[]): Plan {
  let plan = plans.get(n);
  if (!plan) {
    plan = makePlan(n, radices);
    plans.set(n, plan);
  }
  return plan;
}

// Stockham autosort passes (no bit-reversal permutation: every pass reads and writes whole runs of
// consecutive elements). A pass of radix r on sub-length len = r·m with stride s computes, for each
// p < m and q < s, the r-point DFT A_j of x[q + s(p + k·m)], k = 0..r-1, and writes
// y[q + s(r·p + j)] = A_j · e^{-2πi·j·p/len}, the twiddle being table[j·p·(n/len)].

type Pass = (
  xr: Float64Array,
  xi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  s: number,
  m: number,
  tw: number,
  plan: Plan,
) => void;

const pass2: Pass = (xr, xi, yr, yi, s, m, tw, { cos, sin }) => {
  const sm = s * m;
  for (let p = 0; p < m; p++) {
    const c = cos[p * tw] ?? 1;
    const sn = sin[p * tw] ?? 0;
    const inBase = s * p;
    const outBase = 2 * s * p;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const i1 = i0 + sm;
      const ar = xr[i0] ?? 0;
      const ai = xi[i0] ?? 0;
      const br = xr[i1] ?? 0;
      const bi = xi[i1] ?? 0;
      const o0 = outBase + q;
      yr[o0] = ar + br;
      yi[o0] = ai + bi;
      const dr = ar - br;
      const di = ai - bi;
      yr[o0 + s] = dr * c + di * sn;
      yi[o0 + s] = di * c - dr * sn;
    }
  }
};

const pass4: Pass = (xr, xi, yr, yi, s, m, tw, { cos, sin }) => {
  const sm = s * m;
  for (let p = 0; p < m; p++) {
    const w = p * tw;
    const c1 = cos[w] ?? 1;
    const s1 = sin[w] ?? 0;
    const c2 = cos[2 * w] ?? 1;
    const s2 = sin[2 * w] ?? 0;
    const c3 = cos[3 * w] ?? 1;
    const s3 = sin[3 * w] ?? 0;
    const inBase = s * p;
    const outBase = 4 * s * p;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const i1 = i0 + sm;
      const i2 = i1 + sm;
      const i3 = i2 + sm;
      const ar = xr[i0] ?? 0;
      const ai = xi[i0] ?? 0;
      const br = xr[i1] ?? 0;
      const bi = xi[i1] ?? 0;
      const cr = xr[i2] ?? 0;
      const ci = xi[i2] ?? 0;
      const dr = xr[i3] ?? 0;
      const di = xi[i3] ?? 0;
      const t0r = ar + cr;
      const t0i = ai + ci;
      const t1r = ar - cr;
      const t1i = ai - ci;
      const t2r = br + dr;
      const t2i = bi + di;
      const t3r = br - dr;
      const t3i = bi - di;
      const o0 = outBase + q;
      const o1 = o0 + s;
      const o2 = o1 + s;
      const o3 = o2 + s;
      yr[o0] = t0r + t2r;
      yi[o0] = t0i + t2i;
      // A1 = t1 - i·t3, A2 = t0 - t2, A3 = t1 + i·t3, each times its twiddle.
      let vr = t1r + t3i;
      let vi = t1i - t3r;
      yr[o1] = vr * c1 + vi * s1;
      yi[o1] = vi * c1 - vr * s1;
      vr = t0r - t2r;
      vi = t0i - t2i;
      yr[o2] = vr * c2 + vi * s2;
      yi[o2] = vi * c2 - vr * s2;
      vr = t1r - t3i;
      vi = t1i + t3r;
      yr[o3] = vr * c3 + vi * s3;
      yi[o3] = vi * c3 - vr * s3;
    }
  }
};

const SIN_60 = Math.sqrt(3) / 2;

const pass3: Pass = (xr, xi, yr, yi, s, m, tw, { cos, sin }) => {
  const sm = s * m;
  for (let p = 0; p < m; p++) {
    const w = p * tw;
    const c1 = cos[w] ?? 1;
    const s1 = sin[w] ?? 0;
    const c2 = cos[2 * w] ?? 1;
    const s2 = sin[2 * w] ?? 0;
    const inBase = s * p;
    const outBase = 3 * s * p;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const i1 = i0 + sm;
      const i2 = i1 + sm;
      const ar = xr[i0] ?? 0;
      const ai = xi[i0] ?? 0;
      const br = xr[i1] ?? 0;
      const bi = xi[i1] ?? 0;
      const cr = xr[i2] ?? 0;
      const ci = xi[i2] ?? 0;
      const sr = br + cr;
      const si = bi + ci;
      const mr = ar - 0.5 * sr;
      const mi = ai - 0.5 * si;
      const dr = SIN_60 * (bi - ci);
      const di = SIN_60 * (br - cr);
      const o0 = outBase + q;
      yr[o0] = ar + sr;
      yi[o0] = ai + si;
      // A1 = m - i·(√3/2)(b - c), A2 = m + i·(√3/2)(b - c).
      let vr = mr + dr;
      let vi = mi - di;
      yr[o0 + s] = vr * c1 + vi * s1;
      yi[o0 + s] = vi * c1 - vr * s1;
      vr = mr - dr;
      vi = mi + di;
      yr[o0 + 2 * s] = vr * c2 + vi * s2;
      yi[o0 + 2 * s] = vi * c2 - vr * s2;
    }
  }
};

const C1_5 = Math.cos((2 * Math.PI) / 5);
const C2_5 = Math.cos((4 * Math.PI) / 5);
const S1_5 = Math.sin((2 * Math.PI) / 5);
const S2_5 = Math.sin((4 * Math.PI) / 5);

const pass5: Pass = (xr, xi, yr, yi, s, m, tw, { cos, sin }) => {
  const sm = s * m;
  for (let p = 0; p < m; p++) {
    const w = p * tw;
    const c1 = cos[w] ?? 1;
    const s1 = sin[w] ?? 0;
    const c2 = cos[2 * w] ?? 1;
    const s2 = sin[2 * w] ?? 0;
    const c3 = cos[3 * w] ?? 1;
    const s3 = sin[3 * w] ?? 0;
    const c4 = cos[4 * w] ?? 1;
    const s4 = sin[4 * w] ?? 0;
    const inBase = s * p;
    const outBase = 5 * s * p;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const i1 = i0 + sm;
      const i2 = i1 + sm;
      const i3 = i2 + sm;
      const i4 = i3 + sm;
      const ar = xr[i0] ?? 0;
      const ai = xi[i0] ?? 0;
      const br = xr[i1] ?? 0;
      const bi = xi[i1] ?? 0;
      const cr = xr[i2] ?? 0;
      const ci = xi[i2] ?? 0;
      const dr = xr[i3] ?? 0;
      const di = xi[i3] ?? 0;
      const er = xr[i4] ?? 0;
      const ei = xi[i4] ?? 0;
      const s14r = br + er;
      const s14i = bi + ei;
      const d14r = br - er;
      const d14i = bi - ei;
      const s23r = cr + dr;
      const s23i = ci + di;
      const d23r = cr - dr;
      const d23i = ci - di;
      const m1r = ar + C1_5 * s14r + C2_5 * s23r;
      const m1i = ai + C1_5 * s14i + C2_5 * s23i;
      const m2r = ar + C2_5 * s14r + C1_5 * s23r;
      const m2i = ai + C2_5 * s14i + C1_5 * s23i;
      // A1 = m1 - i·N1, A4 = m1 + i·N1, A2 = m2 - i·N2, A3 = m2 + i·N2.
      const n1r = S1_5 * d14i + S2_5 * d23i;
      const n1i = S1_5 * d14r + S2_5 * d23r;
      const n2r = S2_5 * d14i - S1_5 * d23i;
      const n2i = S2_5 * d14r - S1_5 * d23r;
      const o0 = outBase + q;
      yr[o0] = ar + s14r + s23r;
      yi[o0] = ai + s14i + s23i;
      let vr = m1r + n1r;
      let vi = m1i - n1i;
      yr[o0 + s] = vr * c1 + vi * s1;
      yi[o0 + s] = vi * c1 - vr * s1;
      vr = m2r + n2r;
      vi = m2i - n2i;
      yr[o0 + 2 * s] = vr * c2 + vi * s2;
      yi[o0 + 2 * s] = vi * c2 - vr * s2;
      vr = m2r - n2r;
      vi = m2i + n2i;
      yr[o0 + 3 * s] = vr * c3 + vi * s3;
      yi[o0 + 3 * s] = vi * c3 - vr * s3;
      vr = m1r - n1r;
      vi = m1i + n1i;
      yr[o0 + 4 * s] = vr * c4 + vi * s4;
      yi[o0 + 4 * s] = vi * c4 - vr * s4;
    }
  }
};

const PASSES: Readonly<Record<number, Pass>> = { 2: pass2, 3: pass3, 4: pass4, 5: pass5 };

/** Forward transform (X_k = Σ x_j e^{-2πijk/n}) in place, for a length the plan covers. */
function transformSmooth(plan: Plan, re: Float64Array, im: Float64Array): void {
  const { n, radices, workRe, workIm } = plan;
  let xr = re;
  let xi = im;
  let yr = workRe;
  let yi = workIm;
  let stride = 1;
  let length = n;
  for (const r of radices) {
    const m = length / r;
    PASSES[r]?.(xr, xi, yr, yi, stride, m, n / length, plan);
    [xr, yr] = [yr, xr];
    [xi, yi] = [yi, xi];
    stride *= r;
    length = m;
  }
  if (xr !== re) {
    re.set(xr);
    im.set(xi);
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function makeBluesteinPlan(n: number): BluesteinPlan {
  const size = nextPowerOfTwo(2 * n - 1);
  const inner = smoothPlan(size, smoothRadices(size) ?? []);
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  const twoN = 2 * n;
  for (let k = 0; k < n; k++) {
    // k² mod 2n exactly (k² < 2^53 for every length this is used with), so the angle stays accurate.
    const angle = (Math.PI * ((k * k) % twoN)) / n;
    chirpRe[k] = Math.cos(angle);
    chirpIm[k] = -Math.sin(angle);
  }
  const kernelRe = new Float64Array(size);
  const kernelIm = new Float64Array(size);
  for (let k = 0; k < n; k++) {
    const cr = chirpRe[k] ?? 0;
    const ci = -(chirpIm[k] ?? 0);
    kernelRe[k] = cr;
    kernelIm[k] = ci;
    if (k > 0) {
      kernelRe[size - k] = cr;
      kernelIm[size - k] = ci;
    }
  }
  transformSmooth(inner, kernelRe, kernelIm);
  return {
    n,
    inner,
    chirpRe,
    chirpIm,
    kernelRe,
    kernelIm,
    workRe: new Float64Array(size),
    workIm: new Float64Array(size),
  };
}

function transformBluestein(plan: BluesteinPlan, re: Float64Array, im: Float64Array): void {
  const { n, inner, chirpRe, chirpIm, kernelRe, kernelIm, workRe: ar, workIm: ai } = plan;
  const size = inner.n;
  ar.fill(0);
  ai.fill(0);
  for (let k = 0; k < n; k++) {
    const xr = re[k] ?? 0;
    const xi = im[k] ?? 0;
    const cr = chirpRe[k] ?? 0;
    const ci = chirpIm[k] ?? 0;
    ar[k] = xr * cr - xi * ci;
    ai[k] = xr * ci + xi * cr;
  }
  transformSmooth(inner, ar, ai);
  // Pointwise product, then the inverse transform as conj(FFT(conj(·)))/size.
  for (let k = 0; k < size; k++) {
    const xr = ar[k] ?? 0;
    const xi = ai[k] ?? 0;
    const kr = kernelRe[k] ?? 0;
    const ki = kernelIm[k] ?? 0;
    ar[k] = xr * kr - xi * ki;
    ai[k] = -(xr * ki + xi * kr);
  }
  transformSmooth(inner, ar, ai);
  for (let k = 0; k < n; k++) {
    const yr = (ar[k] ?? 0) / size;
    const yi = -(ai[k] ?? 0) / size;
    const cr = chirpRe[k] ?? 0;
    const ci = chirpIm[k] ?? 0;
    re[k] = yr * cr - yi * ci;
    im[k] = yr * ci + yi * cr;
  }
}

/** Forward DFT X_k = Σ_j x_j e^{-2πijk/n} of a complex vector of any length n ≥ 1, in place. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (im.length !== n) throw new RangeError('fft: real and imaginary parts differ in length');
  if (n <= 1) return;
  const radices = smoothRadices(n);
  if (radices) {
    transformSmooth(smoothPlan(n, radices), re, im);
    return;
  }
  let plan = bluesteinPlans.get(n);
  if (!plan) {
    plan = makeBluesteinPlan(n);
    bluesteinPlans.set(n, plan);
  }
  transformBluestein(plan, re, im);
}

/**
 * Moduli |X_k| of the DFT of a real sequence, for k = 0..⌊n/2⌋, written to out. An even length is
 * transformed as a complex sequence of half the length (even samples real, odd samples imaginary)
 * and untangled: X_k = E_k + e^{-2πik/n}·O_k with E, O the transforms of the even and odd samples.
 */
export function realDftModuli(
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array((x.length >>> 1) + 1),
): Float64Array {
  const n = x.length;
  if (n % 2 === 1 || n < 2) {
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    fft(re, im);
    for (let k = 0; k <= n >>> 1; k++) out[k] = Math.hypot(re[k] ?? 0, im[k] ?? 0);
    return out;
  }
  const h = n >>> 1;
  let plan = realPlans.get(n);
  if (!plan) {
    plan = { ...turnTable(n, h + 1), zr: new Float64Array(h), zi: new Float64Array(h) };
    realPlans.set(n, plan);
  }
  const { cos, sin, zr, zi } = plan;
  for (let j = 0; j < h; j++) {
    zr[j] = x[2 * j] ?? 0;
    zi[j] = x[2 * j + 1] ?? 0;
  }
  fft(zr, zi);
  for (let k = 0; k <= h; k++) {
    const a = k === h ? 0 : k;
    const b = k === 0 ? 0 : h - k;
    const pr = zr[a] ?? 0;
    const pi = zi[a] ?? 0;
    const qr = zr[b] ?? 0;
    const qi = -(zi[b] ?? 0);
    // E = (Z_k + conj Z_{h-k})/2, O = (Z_k - conj Z_{h-k})/(2i).
    const er = (pr + qr) / 2;
    const ei = (pi + qi) / 2;
    const or = (pi - qi) / 2;
    const oi = -(pr - qr) / 2;
    const c = cos[k] ?? 1;
    const s = -(sin[k] ?? 0);
    const xr = er + (or * c - oi * s);
    const xi = ei + (or * s + oi * c);
    out[k] = Math.sqrt(xr * xr + xi * xi);
  }
  return out;
}
