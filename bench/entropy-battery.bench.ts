// The whole SP 800-22 battery (sts-2.1.2 parameters) on the 10^6 bits of e: the first run in a fresh
// process, then the median of repeated runs, per test and in total, against sts-2.1.2's recorded times
// (../shared/reference/sts-2.1.2-e.json, the in-file baseline) and against a straightforward bit-by-bit
// Frequency / Runs / Serial run in this same process.
// Run: npx tsx bench/entropy-battery.bench.ts   (results: docs/performance.md, "Randomness battery")
import { cpus } from 'node:os';
import { type BitSequence } from '../main/entropy/battery/bit-sequence';
import { frequencyTest } from '../main/entropy/battery/frequency';
import { cyclicPatternCounts } from '../main/entropy/battery/pattern-counts';
import { runsTest } from '../main/entropy/battery/runs';
import { serialTest } from '../main/entropy/battery/serial';
import { runSp80022, SP800_22_TESTS, STS_PARAMETERS } from '../main/entropy/battery/sp800-22';
import { erfc, igamc } from '../main/entropy/battery/special-functions';
import { listPValues, runTest, SuiteContext } from '../main/entropy/battery/suite';
import { eReferenceBits, stsReference } from '../main/entropy/battery/test-support/reference-data';

const WARMUP_RUNS = 2;
const RUNS = 11;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Median milliseconds of RUNS timed runs after WARMUP_RUNS untimed ones. */
function medianMs(run: () => void): number {
  for (let i = 0; i < WARMUP_RUNS; i++) run();
  return median(Array.from({ length: RUNS }, () => time(run)));
}

// The baseline: the three tests written the way sts-2.1.2 writes them, one byte per bit.
function naiveFrequency(e: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < e.length; i++) sum += 2 * e[i]! - 1;
  return erfc(Math.abs(sum) / Math.sqrt(e.length) / Math.SQRT2);
}

function naiveRuns(e: Uint8Array): number {
  const n = e.length;
  let ones = 0;
  for (let i = 0; i < n; i++) if (e[i] === 1) ones++;
  const pi = ones / n;
  let v = 1;
  for (let k = 1; k < n; k++) if (e[k] !== e[k - 1]) v++;
  return erfc(Math.abs(v - 2.0 * n * pi * (1 - pi)) / (2.0 * pi * (1 - pi) * Math.sqrt(2 * n)));
}

function naivePsi2(e: Uint8Array, m: number): number {
  if (m <= 0) return 0;
  const n = e.length;
  const counts = new Uint32Array(1 << m);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let j = 0; j < m; j++) k = 2 * k + e[(i + j) % n]!;
    counts[k]!++;
  }
  let sum = 0;
  for (const c of counts) sum += c * c;
  return (sum * Math.pow(2, m)) / n - n;
}

function naiveSerial(e: Uint8Array, m: number): { p1: number; p2: number } {
  const [a, b, c] = [naivePsi2(e, m), naivePsi2(e, m - 1), naivePsi2(e, m - 2)];
  return {
    p1: igamc(Math.pow(2, m - 1) / 2, (a - b) / 2),
    p2: igamc(Math.pow(2, m - 2) / 2, (a - 2 * b + c) / 2),
  };
}

function unpack(seq: BitSequence): Uint8Array {
  const bytes = new Uint8Array(seq.length);
  for (let i = 0; i < seq.length; i++) bytes[i] = (seq.words[i >>> 5]! >>> (31 - (i & 31))) & 1;
  return bytes;
}

const seq = eReferenceBits();
const reference = stsReference();
const stsTimes = reference.reference_time_seconds;

// A fresh process: the first run pays for compilation and FFT plans.
const firstStart = performance.now();
const firstReport = runSp80022(seq);
const firstMs = performance.now() - firstStart;

let maxDeviation = 0;
for (const v of listPValues(firstReport)) {
  const expected = reference.p_values_full_precision[v.test];
  const want = typeof expected === 'number' ? expected : expected?.[v.key ?? ''];
  maxDeviation = Math.max(maxDeviation, Math.abs((want ?? NaN) - v.p));
}
if (!(maxDeviation < 1e-9)) throw new Error(`p-values deviate from sts-2.1.2 by ${maxDeviation}`);

const wholeMs = medianMs(() => runSp80022(seq));
const perTest = SP800_22_TESTS.map((test) => ({
  name: test.name,
  ms: medianMs(() => runTest(test, new SuiteContext(seq))),
  stsMs: (stsTimes.per_test_min_of_3[test.name] ?? NaN) * 1000,
}));

const bits = unpack(seq);
const m = STS_PARAMETERS.serialM;
const baseline = [
  {
    name: 'Frequency',
    naive: medianMs(() => naiveFrequency(bits)),
    packed: medianMs(() => frequencyTest(seq)),
    same: naiveFrequency(bits) === frequencyTest(seq).p,
  },
  {
    name: 'Runs',
    naive: medianMs(() => naiveRuns(bits)),
    packed: medianMs(() => runsTest(seq, true)),
    same: naiveRuns(bits) === runsTest(seq, true).p,
  },
  {
    name: `Serial (m = ${m})`,
    naive: medianMs(() => naiveSerial(bits, m)),
    packed: medianMs(() => serialTest(cyclicPatternCounts(seq, m), seq.length, m)),
    same:
      JSON.stringify(naiveSerial(bits, m)) ===
      JSON.stringify(serialTest(cyclicPatternCounts(seq, m), seq.length, m)),
  },
];

const f = (ms: number): string => ms.toFixed(1);
console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
console.log(`p-values: largest deviation from sts-2.1.2 ${maxDeviation.toExponential(2)}`);
console.log();
console.log('| Test | this battery, median ms | sts-2.1.2 -O2, min ms | speed-up |');
console.log('|---|---|---|---|');
for (const t of perTest)
  console.log(`| ${t.name} | ${f(t.ms)} | ${f(t.stsMs)} | ${(t.stsMs / t.ms).toFixed(1)}x |`);
const sumMs = perTest.reduce((a, t) => a + t.ms, 0);
console.log(`| sum of the tests alone | ${f(sumMs)} | | |`);
console.log();
console.log(`Whole battery, first run in this process: ${f(firstMs)} ms`);
console.log(`Whole battery, median of ${RUNS}: ${f(wholeMs)} ms`);
console.log(
  `  vs sts-2.1.2 -O2 ${f(stsTimes.built_with_O2_median * 1000)} ms: ${((stsTimes.built_with_O2_median * 1000) / wholeMs).toFixed(1)}x faster; ` +
    `vs the fastest C (Riha-Sys, FFTW) ${f(stsTimes.fastest_known_c.e_median_seconds * 1000)} ms: ` +
    `${(wholeMs / (stsTimes.fastest_known_c.e_median_seconds * 1000)).toFixed(2)}x its time`,
);
console.log();
console.log('| Test (same process) | bit-by-bit, median ms | packed, median ms | speed-up | same p |');
console.log('|---|---|---|---|---|');
for (const b of baseline) {
  console.log(
    `| ${b.name} | ${f(b.naive)} | ${f(b.packed)} | ${(b.naive / b.packed).toFixed(1)}x | ${b.same ? 'yes' : 'NO'} |`,
  );
}
