// Throughput of SM4-CBC, SM4-CMAC and SM3 over 1 MiB for the native provider, the js provider and
// the sm-crypto baseline, printed as MB/s (10^6 bytes/s) with each figure's ratio to the baseline.
// Run: npx tsx bench/crypto.bench.ts   (results: docs/performance.md, "Crypto providers")
// sm-crypto has no CMAC: its baseline figure is our SP 800-38B CMAC (main/crypto/cmac.ts) running
// on sm-crypto's SM4 (ECB for the subkey, CBC for the chain), i.e. the same construction.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { bytesToHex } from '../main/crypto/bytes';
import { sm4Cmac } from '../main/crypto/cmac';
import { jsProvider } from '../main/crypto/js-provider';
import { nativeProvider } from '../main/crypto/native-provider';
import type { CryptoProvider } from '../main/crypto/provider';

interface SmCryptoSm4Options {
  readonly mode?: 'cbc';
  readonly iv?: number[];
  readonly padding: 'none';
  readonly output: 'array';
}

/** The slice of sm-crypto@0.5 (untyped CommonJS) that the baseline uses. */
interface SmCrypto {
  readonly sm3: (input: Uint8Array) => string;
  readonly sm4: {
    readonly encrypt: (input: Uint8Array, key: number[], options: SmCryptoSm4Options) => number[];
  };
}

const smCrypto = createRequire(import.meta.url)('sm-crypto') as SmCrypto;

/** sm-crypto behind the provider interface, for the three operations benchmarked. */
const baseline: CryptoProvider = {
  ...jsProvider,
  sm4EncryptEcb: (key, data) =>
    Uint8Array.from(smCrypto.sm4.encrypt(data, Array.from(key), { padding: 'none', output: 'array' })),
  sm4EncryptCbc: (key, iv, data) =>
    Uint8Array.from(
      smCrypto.sm4.encrypt(data, Array.from(key), {
        mode: 'cbc',
        iv: Array.from(iv),
        padding: 'none',
        output: 'array',
      }),
    ),
  sm3: (data) => Uint8Array.from(Buffer.from(smCrypto.sm3(data), 'hex')),
};

const DATA_BYTES = 1024 * 1024;
const WARMUP_RUNS = 2;
const MIN_RUNS = 5;
const MIN_SECONDS = 2;

interface Operation {
  readonly name: string;
  readonly run: (provider: CryptoProvider) => Uint8Array;
}

const key = new Uint8Array(randomBytes(16));
const iv = new Uint8Array(randomBytes(16));
const data = new Uint8Array(randomBytes(DATA_BYTES));

const operations: readonly Operation[] = [
  { name: 'SM4-CBC encrypt', run: (p) => p.sm4EncryptCbc(key, iv, data) },
  { name: 'SM4-CMAC', run: (p) => sm4Cmac(p, key, data) },
  { name: 'SM3', run: (p) => p.sm3(data) },
];
const implementations: readonly [string, CryptoProvider][] = [
  ['native', nativeProvider],
  ['js (sm-crypto-v2)', jsProvider],
  ['sm-crypto (baseline)', baseline],
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median MB/s over at least MIN_RUNS timed runs and MIN_SECONDS, after WARMUP_RUNS untimed ones. */
function measure(operation: Operation, provider: CryptoProvider): number {
  for (let i = 0; i < WARMUP_RUNS; i++) operation.run(provider);
  const seconds: number[] = [];
  const start = performance.now();
  while (seconds.length < MIN_RUNS || performance.now() - start < MIN_SECONDS * 1000) {
    const t = performance.now();
    operation.run(provider);
    seconds.push((performance.now() - t) / 1000);
  }
  return DATA_BYTES / 1e6 / median(seconds);
}

console.log(
  `Node ${process.version}, OpenSSL ${process.versions.openssl}, ` +
    `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
);
console.log(
  `Input 1 MiB; median of >= ${MIN_RUNS} runs and >= ${MIN_SECONDS} s after ${WARMUP_RUNS} warm-ups.\n`,
);

const rows: string[][] = [];
for (const operation of operations) {
  const outputs = implementations.map(([, p]) => bytesToHex(operation.run(p)));
  if (new Set(outputs).size !== 1) throw new Error(`${operation.name}: implementations disagree`);
  const rates = implementations.map(([, p]) => measure(operation, p));
  const base = rates[rates.length - 1] ?? 1;
  rows.push([operation.name, ...rates.map((r) => `${r.toFixed(1)} MB/s (${(r / base).toFixed(2)}x)`)]);
}

const header = ['Operation', ...implementations.map(([name]) => name)];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]): string =>
  `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
