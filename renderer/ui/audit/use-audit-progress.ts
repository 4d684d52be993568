// Follows the station's audit.progress events for one long task (verify or export) while it runs.
import { useCallback, useEffect, useState } from 'react';
import type { AuditProgress } from '../../../shared/audit';
import { useStationClient } from '../station-services';

export interface ProgressFollower {
  readonly progress: AuditProgress | null;
  /** Forget the last task's progress (call when starting a new one). */
  readonly reset: () => void;
}

export function useAuditProgress(task: AuditProgress['task']): ProgressFollower {
  const client = useStationClient();
  const [progress, setProgress] = useState<AuditProgress | null>(null);
  useEffect(
    () =>
      client.on('audit.progress', (event) => {
        if (event.task === task) setProgress(event);
      }),
    [client, task],
  );
  const reset = useCallback(() => setProgress(null), []);
  return { progress, reset };
}
