// `station randtest FILE [--suite sp800-22|gmt0005] [--format ascii|bytes] [--json]`: runs the NIST
// SP 800-22 battery (sts-2.1.2 parameters, the default) or GM/T 0005-2021 on the bits of FILE and
// prints every p-value (GM/T: P and Q) with its verdict at α = 0.01, or the report as JSON. FILE is
// ASCII '0'/'1' (whitespace ignored, the default) or raw bytes read MSB-first. Exit codes: 0 every
// p-value passes, 1 at least one fails, 2 the file cannot be read or holds no valid bits, 64 bad usage.
import { readFileSync } from 'node:fs';
import {
  BitInputError,
  bitsFromAscii,
  bitsFromBytes,
  type BitSequence,
} from '../entropy/battery/bit-sequence';
import { runGmt0005 } from '../entropy/battery/gmt0005';
import { runSp80022 } from '../entropy/battery/sp800-22';
import { listPValues, reportJsonText, type SuiteName, type SuiteReport } from '../entropy/battery/suite';
import { describeError } from '../log';
import { UsageError, type CommandIo } from './selftest-command';

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_CANNOT_RUN = 2;

type Format = 'ascii' | 'bytes';

interface RandtestOptions {
  readonly file: string;
  readonly suite: SuiteName;
  readonly format: Format;
  readonly json: boolean;
}

export interface RandtestCommandDeps {
  /** Diagnostics (stderr). */
  readonly err: (text: string) => void;
}

const SUITES: readonly SuiteName[] = ['sp800-22', 'gmt0005'];
const FORMATS: readonly Format[] = ['ascii', 'bytes'];

function choose<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    throw new UsageError(
      `randtest: ${option} takes one of ${allowed.join(', ')}${value ? `, not '${value}'` : ''}`,
    );
  }
  return found;
}

export function parseRandtestOptions(args: readonly string[]): RandtestOptions {
  let file: string | undefined;
  let suite: SuiteName | undefined;
  let format: Format | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    if (name === '--json' && inline === undefined) json = true;
    else if (name === '--suite' || name === '--format') {
      const value = inline ?? args[++i];
      if ((name === '--suite' ? suite : format) !== undefined)
        throw new UsageError(`randtest: ${name} given twice`);
      if (name === '--suite') suite = choose(name, value, SUITES);
      else format = choose(name, value, FORMATS);
    } else if (arg.startsWith('-')) throw new UsageError(`randtest: unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`randtest: one FILE only (got '${file}' and '${arg}')`);
  }
  if (file === undefined) throw new UsageError('randtest: FILE is missing');
  return { file, suite: suite ?? 'sp800-22', format: format ?? 'ascii', json };
}

/** The command could not test anything: unreadable file, or no valid bits in it. */
class CannotRun extends Error {
  override readonly name = 'CannotRun';
}

function readBits(file: string, format: Format): BitSequence {
  let content: Uint8Array;
  try {
    content = readFileSync(file);
  } catch (error) {
    throw new CannotRun(`cannot read ${file} (${describeError(error)})`);
  }
  let seq: BitSequence;
  try {
    seq = format === 'ascii' ? bitsFromAscii(content) : bitsFromBytes(content);
  } catch (error) {
    if (error instanceof BitInputError) {
      throw new CannotRun(
        `${file} is not an ASCII bit file: ${error.message} (raw binary needs --format bytes)`,
      );
    }
    throw error;
  }
  if (seq.length === 0) throw new CannotRun(`${file} holds no bits`);
  return seq;
}

const TITLES: Readonly<Record<SuiteName, string>> = {
  'sp800-22': 'NIST SP 800-22 rev1a (sts-2.1.2 default parameters)',
  gmt0005: 'GM/T 0005-2021',
};

function fixed(value: number): string {
  return value.toFixed(6);
}

export function formatRandtestReport(report: SuiteReport, file: string): string {
  const rows = report.tests.flatMap((t) => {
    if (t.notApplicable !== null) return [{ label: t.name, text: `not applicable: ${t.notApplicable}` }];
    return t.pValues.map((v) => ({
      label: v.key === null ? t.name : `${t.name} ${v.key}`,
      text: `${fixed(v.p)}${v.q === null ? '' : `  ${fixed(v.q)}`}  ${v.pass ? 'pass' : 'FAIL'}`,
    }));
  });
  const width = Math.max(...rows.map((r) => r.label.length));
  const header = report.suite === 'gmt0005' ? [`  ${''.padEnd(width)}  ${'P'.padEnd(8)}  Q`] : [];
  const all = listPValues(report);
  const failed = all.filter((v) => !v.pass);
  const summary =
    failed.length === 0
      ? `All ${all.length} p-values pass.`
      : `${failed.length} of ${all.length} p-values FAIL: ${failed.map((v) => `${v.id} (${fixed(v.p)})`).join(', ')}.\n` +
        'At α = 0.01 about one p-value in a hundred fails even for an ideal source; judge a source by many samples.';
  return [
    `${TITLES[report.suite]}: ${report.n} bits of ${file}, α = ${report.alpha}`,
    '',
    ...header,
    ...rows.map((r) => `  ${r.label.padEnd(width)}  ${r.text}`),
    '',
    summary,
    '',
  ].join('\n');
}

export function createRandtestCommand(
  deps: RandtestCommandDeps,
): (args: readonly string[], io: CommandIo) => number {
  return (args, io) => {
    const options = parseRandtestOptions(args);
    let seq: BitSequence;
    try {
      seq = readBits(options.file, options.format);
    } catch (error) {
      if (!(error instanceof CannotRun)) throw error;
      deps.err(`station randtest: ${error.message}\n`);
      return EXIT_CANNOT_RUN;
    }
    const report = options.suite === 'gmt0005' ? runGmt0005(seq) : runSp80022(seq);
    io.out(options.json ? reportJsonText(report) : formatRandtestReport(report, options.file));
    return report.pass ? EXIT_PASS : EXIT_FAIL;
  };
}

export const randtestCommand = createRandtestCommand({ err: (text) => process.stderr.write(text) });
