// Progress of a long audit task (verify, export), reported per batch; between batches the task
// yields to the event loop so the station stays responsive and progress events reach the UI.
import type { AuditProgress } from '../../shared/audit';

export type ProgressListener = (progress: AuditProgress) => void;

/** Rows read per batch by verify and export: bounded memory, and a yield after each. */
export const BATCH_ROWS = 2000;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
