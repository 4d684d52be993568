// Loads data for a screen when it appears and whenever its loader changes (for example after a
// different operator signs in), keeps the last data while reloading, and keeps the refusal.
import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorData } from '../../shared/api-error';
import { toErrorData } from '../client/error-data';

interface Loaded<T> {
  readonly source: () => Promise<T>;
  readonly generation: number;
  readonly data: T | null;
  readonly error: ApiErrorData | null;
}

export interface LoadedData<T> {
  readonly data: T | null;
  readonly error: ApiErrorData | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** `load` must be stable (useCallback) and change exactly when the data should be read again. */
export function useLoaded<T>(load: () => Promise<T>): LoadedData<T> {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<Loaded<T> | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ source: load, generation, data, error: null });
      },
      (error: unknown) => {
        if (live)
          setState((s) => ({ source: load, generation, data: s?.data ?? null, error: toErrorData(error) }));
      },
    );
    return () => {
      live = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const loading = state === null || state.source !== load || state.generation !== generation;
  return { data: state?.data ?? null, error: loading ? null : state.error, loading, reload };
}
