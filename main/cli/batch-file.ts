// The batch file of `station fill`: JSON {workOrder, chips, poolSize, profile?}, validated with the
// contract's WorkOrder schema. A file that cannot be read or does not fit is a UsageError naming the
// file and each field that is wrong.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkOrder } from '../../shared/fill';
import { UsageError } from './selftest-command';

const MAX_BATCH_FILE_BYTES = 64 * 1024;

export function readBatchFile(file: string): WorkOrder {
  const path = resolve(file);
  let text: string;
  try {
    if (statSync(path).size > MAX_BATCH_FILE_BYTES)
      throw new UsageError(`fill: the batch file ${path} is too large`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`fill: cannot read the batch file ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`fill: the batch file ${path} is not JSON`);
  }
  const order = WorkOrder.safeParse(json);
  if (!order.success) {
    const problems = order.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(the whole file)'}: ${issue.message}`,
    );
    throw new UsageError(
      `fill: the batch file ${path} is not a work order {workOrder, chips, poolSize, profile?}: ` +
        problems.join('; '),
    );
  }
  return order.data;
}
