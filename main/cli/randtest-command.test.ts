// `station randtest` in-process: option parsing, ASCII and bytes input giving the same report, the
// text layout of both suites (every p-value with its verdict, tests that do not apply with the
// reason), and the messages and exit codes for files it cannot use.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { piBits } from '../entropy/battery/test-support/constant-expansions';
import { bytesOf } from '../entropy/battery/test-support/bit-strings';
import { createRandtestCommand, EXIT_CANNOT_RUN, parseRandtestOptions } from './randtest-command';
import { UsageError } from './selftest-command';

const dir = mkdtempSync(join(tmpdir(), 'randtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bits = piBits(20_000);
const asciiFile = join(dir, 'pi.txt');
writeFileSync(asciiFile, bits.replace(/(.{80})/g, '$1\n'));
const bytesFile = join(dir, 'pi.bin');
writeFileSync(bytesFile, bytesOf(bits));

function run(args: readonly string[]): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const command = createRandtestCommand({ err: (text) => (err += text) });
  const status = command(args, { out: (text) => (out += text), env: {} });
  return { status, out, err };
}

describe('station randtest (in-process)', () => {
  it('parses its options', () => {
    expect(parseRandtestOptions(['f'])).toEqual({
      file: 'f',
      suite: 'sp800-22',
      format: 'ascii',
      json: false,
    });
    expect(parseRandtestOptions(['--suite=gmt0005', '--json', 'f', '--format', 'bytes'])).toEqual({
      file: 'f',
      suite: 'gmt0005',
      format: 'bytes',
      json: true,
    });
    const refused: [string[], RegExp][] = [
      [[], /FILE is missing/],
      [['a', 'b'], /one FILE only/],
      [['f', '--yaml'], /unknown option --yaml/],
      [['f', '--suite'], /--suite takes one of sp800-22, gmt0005$/],
      [['f', '--format', 'hex'], /--format takes one of ascii, bytes, not 'hex'/],
      [['f', '--suite', 'gmt0005', '--suite', 'sp800-22'], /--suite given twice/],
      [['f', '--json=yes'], /unknown option --json=yes/],
      [['-'], /unknown option -/],
    ];
    for (const [args, message] of refused) {
      expect(() => parseRandtestOptions(args), args.join(' ')).toThrow(UsageError);
      expect(() => parseRandtestOptions(args), args.join(' ')).toThrow(message);
    }
  });

  it('gives the same report for the ASCII and the bytes spelling of the same bits', () => {
    const ascii = run([asciiFile, '--json']);
    const bytes = run([bytesFile, '--format', 'bytes', '--json']);
    expect(bytes.out).toBe(ascii.out);
    expect(bytes.status).toBe(ascii.status);
    expect(JSON.parse(ascii.out)).toMatchObject({ suite: 'sp800-22', n: 20_000 });
  });

  it('prints every p-value with its verdict, and the tests that do not apply with the reason', () => {
    const { status, out } = run([asciiFile]);
    expect(out).toMatch(
      /^NIST SP 800-22 rev1a \(sts-2\.1\.2 default parameters\): 20000 bits of .*pi\.txt, α = 0\.01\n/,
    );
    expect(out).toMatch(/\n {2}Frequency +0\.\d{6} {2}(pass|FAIL)\n/);
    expect(out).toMatch(/\n {2}NonOverlappingTemplate 111111110 +0\.\d{6} {2}(pass|FAIL)\n/);
    expect(out).toMatch(/\n {2}Universal +not applicable: needs at least 387840 bits/);
    expect(out).toMatch(
      /\n {2}RandomExcursions +not applicable: the walk has \d+ cycles, the test needs at least 500\n/,
    );
    const summary = /\n(All (\d+) p-values pass\.|(\d+) of (\d+) p-values FAIL: .*\n.*)\n$/.exec(out);
    expect(summary).not.toBeNull();
    expect(status).toBe(summary?.[2] === undefined ? 1 : 0);
    const gmt = run([asciiFile, '--suite', 'gmt0005']);
    expect(gmt.out).toMatch(/^GM\/T 0005-2021: 20000 bits of /);
    expect(gmt.out).toMatch(/\n {2}monobit +0\.\d{6} {2}[01]\.\d{6} {2}(pass|FAIL)\n/);
    expect(gmt.out).toMatch(/\n {2}longest_run_zeros_m128 +0\.\d{6} {2}0\.\d{6} {2}(pass|FAIL)\n/);
    expect(gmt.out).toMatch(/\n {2}maurer_universal_L7_Q1280 +not applicable: needs at least 904960 bits/);
  });

  it('exits 2 with a message for a file it cannot read, that is not ASCII bits, or that holds none', () => {
    const invalid = join(dir, 'invalid.txt');
    writeFileSync(invalid, '0101\n01x1\n');
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, ' \n');
    const emptyBytes = join(dir, 'empty.bin');
    writeFileSync(emptyBytes, new Uint8Array(0));
    const cases: [string[], RegExp][] = [
      [[join(dir, 'nowhere.bits')], /^station randtest: cannot read .*nowhere\.bits \(Error: ENOENT/],
      [[dir], /^station randtest: cannot read .*EISDIR/],
      [[invalid], /is not an ASCII bit file: byte 7 is 'x': .*\(raw binary needs --format bytes\)\n$/],
      [[empty], /empty\.txt holds no bits\n$/],
      [[emptyBytes, '--format', 'bytes'], /empty\.bin holds no bits\n$/],
    ];
    for (const [args, message] of cases) {
      const { status, out, err } = run(args);
      expect(status, args.join(' ')).toBe(EXIT_CANNOT_RUN);
      expect(err, args.join(' ')).toMatch(message);
      expect(out).toBe('');
    }
  });
});
