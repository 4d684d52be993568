// What a suite run produces, and the machinery both suites share: a suite is an ordered list of tests,
// each saying when it does not apply to a sequence and otherwise producing named p-values (with
// GM/T 0005 Q-values); a context caches the passes several tests share (pattern counts, the walk).
import type { BitSequence } from './bit-sequence';
import { cyclicPatternCounts } from './pattern-counts';
import { excursionCounts, type ExcursionCounts } from './random-excursions';

/** Significance level of each p-value (SP 800-22 and GM/T 0005: 0.01). */
export const ALPHA = 0.01;

export type SuiteName = 'sp800-22' | 'gmt0005';

export interface PValue {
  /** Sub-key within a test with several p-values ('forward', '000000001', '+1', 'p1'), else null. */
  readonly key: string | null;
  readonly p: number;
  /** GM/T 0005's Q-value (its uniformity judgement uses Q), null for SP 800-22. */
  readonly q: number | null;
  /** p ≥ α. */
  readonly pass: boolean;
}

export interface TestResult {
  readonly name: string;
  /** Empty when the test does not apply. */
  readonly pValues: readonly PValue[];
  /** Why the test does not apply to this sequence (e.g. too few cycles), else null. */
  readonly notApplicable: string | null;
}

export interface SuiteReport {
  readonly suite: SuiteName;
  /** Sequence length in bits. */
  readonly n: number;
  readonly alpha: number;
  readonly tests: readonly TestResult[];
  /** Every p-value of every applicable test passes. */
  readonly pass: boolean;
}

/** Shared passes over one sequence, computed on first use. */
export class SuiteContext {
  private levels: Uint32Array[] | null = null;
  private excursions: ExcursionCounts | null = null;

  constructor(readonly seq: BitSequence) {}

  /** Cyclic pattern counts for every length up to at least m (see pattern-counts.ts). */
  patternLevels(m: number): readonly Uint32Array[] {
    if (!this.levels || this.levels.length <= m) this.levels = cyclicPatternCounts(this.seq, m);
    return this.levels;
  }

  excursionCounts(): ExcursionCounts {
    this.excursions ??= excursionCounts(this.seq);
    return this.excursions;
  }
}

export interface RawPValue {
  readonly key: string | null;
  readonly p: number;
  readonly q?: number;
}

export interface SuiteTest {
  readonly name: string;
  /** Why the test cannot run on this sequence, or null when it can. */
  readonly notApplicable: (ctx: SuiteContext) => string | null;
  readonly run: (ctx: SuiteContext) => readonly RawPValue[];
}

/** For SuiteTest.notApplicable: the test runs on any non-empty sequence. */
export const alwaysApplies = (): null => null;

/** For SuiteTest.notApplicable: the test needs at least `bits` bits, for the reason given. */
export function needsBits(bits: number, why: string): (ctx: SuiteContext) => string | null {
  return (ctx) => (ctx.seq.length >= bits ? null : `needs at least ${bits} bits (${why})`);
}

export function runTest(test: SuiteTest, ctx: SuiteContext): TestResult {
  const reason = test.notApplicable(ctx);
  if (reason !== null) return { name: test.name, pValues: [], notApplicable: reason };
  const pValues = test.run(ctx).map(({ key, p, q }) => ({ key, p, q: q ?? null, pass: p >= ALPHA }));
  return { name: test.name, pValues, notApplicable: null };
}

export function runSuite(suite: SuiteName, tests: readonly SuiteTest[], seq: BitSequence): SuiteReport {
  if (seq.length === 0) throw new RangeError('a randomness test needs at least one bit');
  const ctx = new SuiteContext(seq);
  const results = tests.map((test) => runTest(test, ctx));
  const pass = results.every((t) => t.pValues.every((v) => v.pass));
  return { suite, n: seq.length, alpha: ALPHA, tests: results, pass };
}

export interface ListedPValue extends PValue {
  /** 'Frequency', 'CumulativeSums.forward', 'NonOverlappingTemplate.000000001', 'poker_m4', ... */
  readonly id: string;
  readonly test: string;
}

/** Every p-value of a report, flattened, with an id naming test and sub-key. */
export function listPValues(report: SuiteReport): ListedPValue[] {
  return report.tests.flatMap((t) =>
    t.pValues.map((v) => ({ ...v, test: t.name, id: v.key === null ? t.name : `${t.name}.${v.key}` })),
  );
}

/** A JSON object as ordered entries: plain objects would list integer-like keys ("100000000") first. */
interface JsonObject {
  readonly entries: readonly (readonly [string, Json])[];
}
type Json = number | boolean | string | null | JsonObject;

function object(entries: readonly (readonly [string, Json])[]): JsonObject {
  return { entries };
}

function stringify(value: Json, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value.entries.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = value.entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${stringify(v, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function testJson(t: TestResult): JsonObject {
  if (t.notApplicable !== null) {
    return object([
      ['p', null],
      ['pass', null],
      ['notApplicable', t.notApplicable],
    ]);
  }
  const pass = t.pValues.every((v) => v.pass);
  const [only] = t.pValues;
  if (t.pValues.length === 1 && only?.key === null) {
    return object(
      only.q === null
        ? [
            ['p', only.p],
            ['pass', pass],
          ]
        : [
            ['p', only.p],
            ['q', only.q],
            ['pass', pass],
          ],
    );
  }
  const p = object(t.pValues.map((v): readonly [string, Json] => [v.key ?? '', v.p]));
  const withQ = t.pValues.filter((v) => v.q !== null);
  return object(
    withQ.length === 0
      ? [
          ['p', p],
          ['pass', pass],
        ]
      : [
          ['p', p],
          ['q', object(withQ.map((v): readonly [string, Json] => [v.key ?? '', v.q]))],
          ['pass', pass],
        ],
  );
}

/**
 * The report as JSON text, `{"suite", "n", "tests": {NAME: {"p", "pass"}}}`, keys in the suite's order:
 * a test with several p-values gives `"p": {SUBKEY: value, ...}` (and `"q"` likewise), `"pass"` is true
 * when all of them pass; a test that does not apply gives `"p": null, "pass": null` and the reason as
 * `"notApplicable"`.
 */
export function reportJsonText(report: SuiteReport): string {
  const json = object([
    ['suite', report.suite],
    ['n', report.n],
    ['tests', object(report.tests.map((t): readonly [string, Json] => [t.name, testJson(t)]))],
  ]);
  return `${stringify(json, '')}\n`;
}
