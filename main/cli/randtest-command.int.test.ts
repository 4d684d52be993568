// `station randtest` as a user runs it (tsx on the CLI entry, its own process): on the reference e
// file its JSON matches sts-2.1.2's and the GM/T reference's p-values key by key, and the entry point
// maps bad usage to 64 and an unreadable file to 2. (Formats, messages and the text layout are
// covered in-process by randtest-command.test.ts.)
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  E_BITS_FILE,
  gmtReference,
  REPOSITORY_ROOT,
  stsReference,
} from '../entropy/battery/test-support/reference-data';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function station(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(REPOSITORY_ROOT, 'node_modules/.bin/tsx'),
      ['main/cli/main.ts', ...args],
      { cwd: REPOSITORY_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

type PValues = number | Record<string, number>;

// All four processes start together.
const runs = Promise.all([
  station(['randtest', E_BITS_FILE, '--json']),
  station(['randtest', E_BITS_FILE, '--suite', 'gmt0005', '--json']),
  station(['randtest', E_BITS_FILE, '--suite', 'fips140']),
  station(['randtest', join(REPOSITORY_ROOT, 'no-such-file.bits')]),
]);

describe('station randtest', () => {
  it('reproduces sts-2.1.2 on e key by key, and exits 1 for the four p-values below 0.01', async () => {
    const [sp] = await runs;
    expect(sp.stderr).toBe('');
    expect(sp.status).toBe(1);
    const json = JSON.parse(sp.stdout) as {
      suite: string;
      n: number;
      tests: Record<string, { p: PValues; pass: boolean }>;
    };
    expect(json.suite).toBe('sp800-22');
    expect(json.n).toBe(1_000_000);
    const reference = stsReference().p_values_full_precision;
    expect(Object.keys(json.tests)).toEqual(Object.keys(reference));
    for (const [name, expected] of Object.entries(reference)) {
      const actual = json.tests[name]!.p;
      if (typeof expected === 'number') {
        expect(Math.abs((actual as number) - expected), name).toBeLessThan(1e-9);
        continue;
      }
      expect(Object.keys(actual).sort(), name).toEqual(Object.keys(expected).sort());
      for (const [key, value] of Object.entries(expected)) {
        expect(Math.abs((actual as Record<string, number>)[key]! - value), `${name}.${key}`).toBeLessThan(
          1e-9,
        );
      }
    }
    expect(json.tests.NonOverlappingTemplate!.pass).toBe(false);
    expect(json.tests.RandomExcursions!.pass).toBe(false);
    expect(json.tests.Frequency!.pass).toBe(true);
    // Written in sts's order, which a plain object would not keep for keys like "100000000".
    expect(sp.stdout.indexOf('"000000001"')).toBeLessThan(sp.stdout.indexOf('"100000000"'));
  });

  it('runs GM/T 0005 with P and Q per item, as the GM/T reference does except its zero-padded DFT', async () => {
    const [, gmt] = await runs;
    expect(gmt.status).toBe(0);
    const json = JSON.parse(gmt.stdout) as {
      suite: string;
      tests: Record<string, { p: number; q: number; pass: boolean }>;
    };
    expect(json.suite).toBe('gmt0005');
    const reference = gmtReference().e;
    expect(Object.keys(json.tests)).toEqual(Object.keys(reference));
    for (const [name, expected] of Object.entries(reference)) {
      expect(json.tests[name]!.pass, name).toBe(true);
      if (name === 'dft') continue;
      expect(Math.abs(json.tests[name]!.p - expected.p), name).toBeLessThan(1e-12);
      expect(Math.abs(json.tests[name]!.q - expected.q), name).toBeLessThan(1e-12);
    }
  });

  it('exits 64 on bad usage and 2 on a file it cannot read', async () => {
    const [, , usage, missing] = await runs;
    expect(usage.status).toBe(64);
    expect(usage.stderr).toMatch(/--suite takes one of sp800-22, gmt0005, not 'fips140'/);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^station randtest: cannot read .*no-such-file\.bits/);
  });
});
