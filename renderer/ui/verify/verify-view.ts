// Pure helpers of the Verify screen: which reader is chosen (the only one when there is just one),
// how loud a verdict is, what to do after it, and whether a kept report still describes the chip
// in the reader.
import type { ReaderView, VerifyReport } from '../../../shared/fill';

/** The chosen reader if it is still connected, else the only reader, else none. */
export function chosenReader(readers: readonly ReaderView[], selected: string | null): string | null {
  if (selected !== null && readers.some((r) => r.name === selected)) return selected;
  return readers.length === 1 ? (readers[0]?.name ?? null) : null;
}

/** ISA-101: a genuine chip is a quiet confirmation; everything else is loud. */
export function verdictTone(verdict: VerifyReport['verdict']): 'quiet' | 'loud' {
  return verdict === 'genuine' ? 'quiet' : 'loud';
}

export type VerdictAction = VerifyReport['verdict'] | 'simulated';

/** The next action after a verdict; a genuine chip from the simulation line must still never ship. */
export function verdictAction(report: VerifyReport): VerdictAction {
  return report.verdict === 'genuine' && report.binding?.simulated ? 'simulated' : report.verdict;
}

/**
 * Whether a report kept for a reader is about a chip no longer there: the reader is gone, it is
 * empty, or it holds a chip with another serial.
 */
export function reportIsStale(report: VerifyReport, reader: ReaderView | undefined): boolean {
  const card = reader?.card ?? null;
  if (card === null) return true;
  return card.serial !== null && report.serial !== null && card.serial !== report.serial;
}
