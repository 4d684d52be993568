// Runs one operator action at a time and keeps its refusal for the form to show: busy while it
// runs, the error (as ApiErrorData) when it fails, cleared on the next run.
import { useCallback, useState } from 'react';
import type { ApiErrorData } from '../../shared/api-error';
import { toErrorData } from '../client/error-data';

export interface Action {
  readonly busy: boolean;
  readonly error: ApiErrorData | null;
  /** Runs the task; resolves to true when it succeeded. */
  readonly run: (task: () => Promise<unknown>) => Promise<boolean>;
  readonly clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const run = useCallback(async (task: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
      return true;
    } catch (failure) {
      setError(toErrorData(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
