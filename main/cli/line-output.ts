// What `station fill` and `station verify` print: one line per finished fill, the batch summary and
// the verify report, for people (aligned words) or for line automation (one JSON value per line).
// Views name chips by serial and pools by digest: nothing printed here is a key.
import type { BatchView, FillView, VerifyReport } from '../../shared/fill';

export function finishedFillText(fill: FillView): string {
  const where = `${fill.reader}  ${fill.serial ?? '-'}`;
  const simulated = fill.simulated ? ' (simulated entropy)' : '';
  if (fill.state === 'done') return `${where}  filled, ${fill.keysWritten} keys${simulated}\n`;
  const failure = fill.failure ?? { code: 'INTERNAL', detail: 'no failure recorded' };
  return `${where}  FAILED ${failure.code}: ${failure.detail} (chip ${fill.chipState})\n`;
}

export function batchSummary(batch: BatchView): string {
  return (
    `Batch ${batch.id} (work order ${batch.workOrder}): ${batch.state}; ` +
    `${batch.filled} of ${batch.authorised} filled, ${batch.failed} failed, ${batch.refused} refused` +
    `${batch.simulated ? ' (simulated entropy)' : ''}\n`
  );
}

export function verifyReportText(report: VerifyReport): string {
  const binding = report.binding;
  return [
    `Reader:     ${report.reader}`,
    `Chip:       ${report.serial ?? 'not identified'} (${report.chipState})`,
    `Binding:    ${
      binding
        ? `batch ${binding.batchId}, work order ${binding.workOrder}, bound ${binding.boundAt} by ` +
          `${binding.operator}, ${binding.poolSize} keys, pool digest ${binding.poolDigest}` +
          (binding.simulated ? ' (simulated entropy)' : '')
        : 'none'
    }`,
    `Pool check: ${report.poolCheck}; keys proved: ${report.keysProved}` +
      (report.failedKeys.length > 0 ? `; failed key slots: ${report.failedKeys.join(', ')}` : ''),
    `Verdict:    ${report.verdict.toUpperCase()}${report.detail ? ` (${report.detail})` : ''}`,
    '',
  ].join('\n');
}

export const jsonLine = (value: unknown): string => `${JSON.stringify(value)}\n`;
