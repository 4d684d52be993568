// The special functions behind the p-values, written to give the numbers sts-2.1.2 gives: the
// incomplete gamma functions and log-gamma are cephes' algorithms as sts-2.1.2 ships them
// (src/cephes.c), erf/erfc are fdlibm's (s_erf.c, what glibc's libm uses, which sts calls), and the
// normal CDF is sts's cephes_normal on top of erf. Each agrees with its C original to a few ulps.

const MACHEP = 1.11022302462515654042e-16; // 2^-53
const MAXLOG = 709.782712893384; // log(DBL_MAX), cephes 7.09782712893383996732224e2
const BIG = 4.503599627370496e15;
const BIG_INV = 2.22044604925031308085e-16;

// cephes lgam: A = Stirling series, B/C = rational approximation of log gamma on [2, 3].
const LGAM_A = [
  0.0008116141674705085, -0.0005950619042843014, 0.0007936503404577169, -0.002777777777300997,
  0.08333333333333319,
];
const LGAM_B = [
  -1378.2515256912086, -38801.631513463784, -331612.9927388712, -1162370.974927623, -1721737.0082083966,
  -853555.6642457654,
];
const LGAM_C = [
  -351.81570143652345, -17064.210665188115, -220528.59055385445, -1139334.4436798252, -2532523.0717758294,
  -2018891.4143353277,
];

function polevl(x: number, coef: readonly number[]): number {
  let ans = coef[0] ?? 0;
  for (let i = 1; i < coef.length; i++) ans = ans * x + (coef[i] ?? 0);
  return ans;
}

/** cephes p1evl: the polynomial with an implied leading coefficient 1. */
function p1evl(x: number, coef: readonly number[]): number {
  let ans = x + (coef[0] ?? 0);
  for (let i = 1; i < coef.length; i++) ans = ans * x + (coef[i] ?? 0);
  return ans;
}

/** log Γ(x) for x > 0 (cephes_lgam). */
export function lgam(x: number): number {
  if (!(x > 0)) throw new RangeError(`lgam is used for x > 0 only, got ${x}`);
  if (x < 13) {
    let z = 1;
    let p = 0;
    let u = x;
    while (u >= 3) {
      p -= 1;
      u = x + p;
      z *= u;
    }
    while (u < 2) {
      z /= u;
      p += 1;
      u = x + p;
    }
    if (u === 2) return Math.log(z);
    p -= 2;
    const y = x + p;
    return Math.log(z) + (y * polevl(y, LGAM_B)) / p1evl(y, LGAM_C);
  }
  let q = (x - 0.5) * Math.log(x) - x + Math.log(Math.sqrt(2 * Math.PI));
  if (x > 1.0e8) return q;
  const p = 1 / (x * x);
  if (x >= 1000) {
    // cephes: 7.9365079365079365079365e-4, 2.7777777777777777777778e-3, 0.0833333333333333333333.
    q += ((0.0007936507936507937 * p - 0.002777777777777778) * p + 0.08333333333333333) / x;
  } else {
    q += polevl(p, LGAM_A) / x;
  }
  return q;
}

/** Regularized lower incomplete gamma P(a, x) (cephes_igam). */
export function igam(a: number, x: number): number {
  if (x <= 0 || a <= 0) return 0;
  if (x > 1 && x > a) return 1 - igamc(a, x);
  const logAx = a * Math.log(x) - x - lgam(a);
  if (logAx < -MAXLOG) return 0;
  const ax = Math.exp(logAx);
  let r = a;
  let c = 1;
  let ans = 1;
  do {
    r += 1;
    c *= x / r;
    ans += c;
  } while (c / ans > MACHEP);
  return (ans * ax) / a;
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x) (cephes_igamc): the chi-square tail. */
export function igamc(a: number, x: number): number {
  if (x <= 0 || a <= 0) return 1;
  if (x < 1 || x < a) return 1 - igam(a, x);
  const logAx = a * Math.log(x) - x - lgam(a);
  if (logAx < -MAXLOG) return 0;
  const ax = Math.exp(logAx);
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  let t: number;
  do {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    } else {
      t = 1;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIG_INV;
      pkm1 *= BIG_INV;
      qkm2 *= BIG_INV;
      qkm1 *= BIG_INV;
    }
  } while (t > MACHEP);
  return ans * ax;
}

// fdlibm s_erf.c coefficients.
const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const QQ = [
  1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3,
  1.32494738004321644526e-4, -3.9602282787753681232e-6,
];
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3,
];
const QA = [
  1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2,
  1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1,
  -9.81432934416914548592,
];
const SA = [
  1, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2,
  4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2,
];
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2,
];
const SB = [
  1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3,
  2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1,
];
const TINY = 1e-300;

/** Horner evaluation, lowest coefficient first (the order fdlibm writes its polynomials in). */
function horner(x: number, coef: readonly number[]): number {
  let ans = coef[coef.length - 1] ?? 0;
  for (let i = coef.length - 2; i >= 0; i--) ans = (coef[i] ?? 0) + x * ans;
  return ans;
}

const scratch = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  scratch.setFloat64(0, x);
  return scratch.getInt32(0);
}

function clearLowWord(x: number): number {
  scratch.setFloat64(0, x);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

/** exp(-x²) · R/S-correction of fdlibm for 1.25 ≤ |x| < 28 (x ≥ 0 here), i.e. erfc(x)·x. */
function erfcTail(x: number, ix: number, boundary: number): number {
  const s = 1 / (x * x);
  const ratio = ix < boundary ? horner(s, RA) / horner(s, SA) : horner(s, RB) / horner(s, SB);
  const z = clearLowWord(x);
  return Math.exp(-z * z - 0.5625) * Math.exp((z - x) * (z + x) + ratio);
}

export function erf(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return Number.isNaN(x) ? x : Math.sign(x);
  if (ix < 0x3feb0000) {
    if (ix < 0x3e300000) return x + EFX * x;
    const z = x * x;
    return x + x * (horner(z, PP) / horner(z, QQ));
  }
  if (ix < 0x3ff40000) {
    const s = Math.abs(x) - 1;
    const pq = horner(s, PA) / horner(s, QA);
    return hx >= 0 ? ERX + pq : -ERX - pq;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1 - TINY : TINY - 1;
  const ax = Math.abs(x);
  const r = erfcTail(ax, ix, 0x4006db6e);
  return hx >= 0 ? 1 - r / ax : r / ax - 1;
}

export function erfc(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return Number.isNaN(x) ? x : x > 0 ? 0 : 2;
  if (ix < 0x3feb0000) {
    if (ix < 0x3c700000) return 1 - x;
    const z = x * x;
    const y = horner(z, PP) / horner(z, QQ);
    if (hx < 0x3fd00000) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ix < 0x3ff40000) {
    const s = Math.abs(x) - 1;
    const pq = horner(s, PA) / horner(s, QA);
    return hx >= 0 ? 1 - ERX - pq : 1 + (ERX + pq);
  }
  if (ix < 0x403c0000) {
    if (hx < 0 && ix >= 0x40180000) return 2 - TINY;
    const ax = Math.abs(x);
    const r = erfcTail(ax, ix, 0x4006db6d);
    return hx > 0 ? r / ax : 2 - r / ax;
  }
  return hx > 0 ? TINY * TINY : 2 - TINY;
}

/** Standard normal CDF as sts-2.1.2's cephes_normal computes it (through erf). */
export function normalCdf(x: number): number {
  return x > 0 ? 0.5 * (1 + erf(x / Math.SQRT2)) : 0.5 * (1 - erf(-x / Math.SQRT2));
}

/** A p-value with GM/T 0005's Q-value, the one-sided tail used for its uniformity judgement. */
export interface PQ {
  readonly p: number;
  readonly q: number;
}

/** For a standard normal statistic v: p = erfc(|v|/√2) (two-sided) and q = erfc(v/√2)/2. */
export function normalPQ(v: number): PQ {
  return { p: erfc(Math.abs(v) / Math.SQRT2), q: erfc(v / Math.SQRT2) / 2 };
}
