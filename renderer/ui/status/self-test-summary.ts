// Pure helpers for the status panel: the overall self-test verdict from its results, and whether
// a self-test id has a translated label.
import type { SelfTestReport } from '../../../shared/status';
import { en } from '../../i18n/en';

export interface SelfTestVerdict {
  readonly kind: 'passed' | 'failed' | 'none';
  readonly failed: number;
  readonly total: number;
}

export function selfTestVerdict(report: SelfTestReport): SelfTestVerdict {
  const total = report.results.length;
  const failed = report.results.filter((r) => !r.passed).length;
  if (total === 0) return { kind: 'none', failed, total };
  return { kind: failed > 0 || !report.passed ? 'failed' : 'passed', failed, total };
}

export type KnownSelfTestId = keyof typeof en.selfTests;

export function isKnownSelfTest(id: string): id is KnownSelfTestId {
  return Object.hasOwn(en.selfTests, id);
}
