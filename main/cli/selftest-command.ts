// `station selftest [--json]`: runs the power-on self-test with the configured crypto provider,
// prints each result, and exits 0 only when every test passed.
import type { SelfTestReport } from '../../shared/status';
import { selectProvider } from '../crypto/select-provider';
import { runPowerOnSelfTest } from '../station';

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

export function formatSelfTestReport(report: SelfTestReport): string {
  const width = Math.max(...report.results.map((r) => r.id.length));
  const lines = report.results.map(
    (r) =>
      `  ${r.passed ? 'PASS' : 'FAIL'}  ${r.id.padEnd(width)}  ${r.durationMs.toFixed(1).padStart(7)} ms` +
      (r.detail ? `  ${r.detail}` : ''),
  );
  const failed = report.results.filter((r) => !r.passed).length;
  return [
    `Crypto provider: ${report.provider}`,
    ...lines,
    failed === 0
      ? `All ${report.results.length} self-tests passed.`
      : `${failed} of ${report.results.length} self-tests FAILED.`,
    '',
  ].join('\n');
}

export function selftestCommand(args: readonly string[], io: CommandIo): number {
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length > 0) throw new UsageError(`selftest: unknown option ${unknown[0]}`);
  const report = runPowerOnSelfTest(selectProvider(io.env));
  io.out(args.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatSelfTestReport(report));
  return report.passed ? 0 : 1;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
