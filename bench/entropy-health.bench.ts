// Throughput of the SP 800-90B continuous health tests (HealthMonitor.process, RCT + APT) on one core,
// in Mbit/s of raw source output, for byte samples and for bit samples, against baselines run in the
// same process over the same data: a plain JavaScript byte-copy loop, the native copy (TypedArray.set,
// i.e. memcpy), and the standard's pseudocode written one sample at a time. Goal: ≥ 1 Gbit/s.
// Run: npx tsx bench/entropy-health.bench.ts   (results: docs/performance.md, "Entropy health tests")
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { HealthMonitor, type HealthConfig } from '../main/entropy/health/health-monitor';

const DATA_BYTES = 32 << 20;
const CHUNK_BYTES = 64 << 10;
const WARMUP_RUNS = 2;
const RUNS = 9;

const data = new Uint8Array(randomBytes(DATA_BYTES));
const chunks = Array.from({ length: DATA_BYTES / CHUNK_BYTES }, (_, i) =>
  data.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES),
);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median Mbit/s of one pass over the data, after warm-up passes. */
function mbitPerSecond(pass: () => void): number {
  for (let i = 0; i < WARMUP_RUNS; i++) pass();
  const ms = median(
    Array.from({ length: RUNS }, () => {
      const start = performance.now();
      pass();
      return performance.now() - start;
    }),
  );
  return (DATA_BYTES * 8) / ms / 1000;
}

// Entropy claims low enough that a uniform source trips with probability below 2^-13 over all passes
// (RCT cutoffs 6 and 41); the cost per sample does not depend on H.
function monitorPass(config: HealthConfig): () => void {
  const monitor = new HealthMonitor({ ...config, startupSamples: 1024 });
  monitor.process(data.subarray(0, 1024));
  return () => {
    for (const chunk of chunks) {
      if (monitor.process(chunk) !== 'pass') throw new Error(`the health tests tripped: ${monitor.state}`);
    }
  };
}

const copyTarget = new Uint8Array(CHUNK_BYTES);
let sink = 0;

function copyLoop(): void {
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) copyTarget[i] = chunk[i] ?? 0;
    sink ^= copyTarget[0] ?? 0;
  }
}

function nativeCopy(): void {
  for (const chunk of chunks) copyTarget.set(chunk);
  sink ^= copyTarget[0] ?? 0;
}

/** SP 800-90B §4.4.1–4.4.2 pseudocode, one bit sample at a time (cutoffs of H = 0.5). */
function naiveBitPass(): void {
  let a = -1;
  let b = 0;
  let ref = 0;
  let count = 0;
  let i = 0;
  for (const chunk of chunks) {
    for (const byte of chunk) {
      for (let k = 7; k >= 0; k--, i++) {
        const s = (byte >>> k) & 1;
        if (s === a) {
          if (++b >= 41) throw new Error('RCT tripped');
        } else {
          a = s;
          b = 1;
        }
        if (i % 1024 === 0) {
          ref = s;
          count = 1;
        } else if (s === ref && ++count >= 793) throw new Error('APT tripped');
      }
    }
  }
}

const rows: [string, number][] = [
  ['HealthMonitor, byte samples (H = 4)', mbitPerSecond(monitorPass({ samples: 'bytes', minEntropy: 4 }))],
  ['HealthMonitor, bit samples (H = 0.5)', mbitPerSecond(monitorPass({ samples: 'bits', minEntropy: 0.5 }))],
  ['baseline: JS byte-copy loop', mbitPerSecond(copyLoop)],
  ['baseline: native copy (TypedArray.set)', mbitPerSecond(nativeCopy)],
  ['baseline: per-bit pseudocode (H = 0.5)', mbitPerSecond(naiveBitPass)],
];

console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
console.log(
  `${DATA_BYTES >> 20} MiB of crypto.randomBytes in ${CHUNK_BYTES >> 10} KiB chunks, median of ${RUNS}`,
);
console.log();
console.log('| Pass over the data | Mbit/s | vs JS byte-copy loop | vs per-bit pseudocode |');
console.log('|---|---|---|---|');
const copyRate = rows[2]?.[1] ?? Number.NaN;
const naiveRate = rows[4]?.[1] ?? Number.NaN;
for (const [name, rate] of rows) {
  const vsCopy = (rate / copyRate).toFixed(2);
  console.log(`| ${name} | ${rate.toFixed(0)} | ${vsCopy}x | ${(rate / naiveRate).toFixed(1)}x |`);
}
if (sink < 0) console.log(sink);
