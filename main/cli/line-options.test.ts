// The options of `station fill` / `station verify` and the batch file: typed values out, and every
// mistake a UsageError that names the option or the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBatchFile } from './batch-file';
import { parseFillOptions, parseVerifyOptions } from './line-options';
import { UsageError } from './selftest-command';

const dir = mkdtempSync(join(tmpdir(), 'station-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no UsageError');
}

describe('station fill options', () => {
  it('parses every option, --name=value too', () => {
    expect(
      parseFillOptions([
        '--batch',
        'b.json',
        '--operator=Olga',
        '--readers',
        'Reader A 00 00, Reader B 00 01,Reader A 00 00',
        '--timeout',
        '90',
        '--data-dir',
        '/d',
        '--password-file',
        'pw',
        '--passphrase-file=pp',
        '--json',
      ]),
    ).toEqual({
      batchFile: 'b.json',
      operator: 'olga',
      readers: ['Reader A 00 00', 'Reader B 00 01'],
      timeoutSeconds: 90,
      dataDir: '/d',
      passwordFile: 'pw',
      passphraseFile: 'pp',
      json: true,
    });
    expect(parseFillOptions(['--batch', 'b', '--operator', 'olga'])).toMatchObject({
      readers: null,
      timeoutSeconds: null,
      json: false,
    });
  });

  it.each([
    [['--operator', 'olga'], /--batch FILE is required/],
    [['--batch', 'b'], /--operator USER is required/],
    [['--batch', 'b', '--operator', 'o l g a'], /--operator is not a valid username/],
    [['--batch', 'b', '--operator', 'olga', '--timeout', '0'], /--timeout takes a number of seconds/],
    [['--batch', 'b', '--operator', 'olga', '--timeout', 'soon'], /--timeout takes a number of seconds/],
    [['--batch', 'b', '--operator', 'olga', '--readers', 'A,,B'], /reader name must be 1 to 200/],
    [['--batch', 'b', '--batch', 'c', '--operator', 'olga'], /--batch given twice/],
    [['--batch', 'b', '--operator', 'olga', '--reader', 'A'], /unknown option --reader\nUsage: station fill/],
    [['--batch', 'b', '--operator'], /--operator needs a value/],
  ])('refuses %j', (args, message) => {
    expect(usageError(() => parseFillOptions(args))).toMatch(message);
  });
});

describe('station verify options', () => {
  it('parses the reader and waits 10 s by default', () => {
    expect(parseVerifyOptions(['--reader', 'Reader A 00 00', '--operator', 'olga'])).toEqual({
      reader: 'Reader A 00 00',
      operator: 'olga',
      waitSeconds: 10,
      dataDir: null,
      passwordFile: null,
      passphraseFile: null,
      json: false,
    });
    expect(parseVerifyOptions(['--reader', 'R', '--operator', 'olga', '--wait', '2.5']).waitSeconds).toBe(
      2.5,
    );
    expect(usageError(() => parseVerifyOptions(['--operator', 'olga']))).toMatch(/--reader NAME is required/);
    expect(
      usageError(() => parseVerifyOptions(['--reader', 'R', '--operator', 'olga', '--readers', 'R'])),
    ).toMatch(/unknown option --readers/);
  });
});

describe('the batch file', () => {
  it('reads a work order, with the reference profile by default', () => {
    expect(readBatchFile(file('ok.json', '{"workOrder":" WO-7 ","chips":3,"poolSize":64}'))).toEqual({
      workOrder: 'WO-7',
      chips: 3,
      poolSize: 64,
      profile: 'reference',
    });
  });

  it('names the file and each field that is wrong', () => {
    const path = file('bad.json', '{"workOrder":"WO-7","chips":0,"poolSize":"64","colour":"red"}');
    const message = usageError(() => readBatchFile(path));
    expect(message).toContain(path);
    expect(message).toMatch(/chips: /);
    expect(message).toMatch(/poolSize: /);
    expect(message).toMatch(/colour/);
    expect(usageError(() => readBatchFile(file('text.json', 'WO-7, 3 chips')))).toMatch(/is not JSON/);
    expect(usageError(() => readBatchFile(join(dir, 'absent.json')))).toMatch(/cannot read the batch file/);
    expect(usageError(() => readBatchFile(file('list.json', '[1,2]')))).toMatch(/\(the whole file\)/);
  });
});
