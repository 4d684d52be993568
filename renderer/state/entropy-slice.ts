// The entropy sources as last read or pushed (device, key pool, health margins, GM/T 0062 checks;
// never a random byte), whether a read is under way, and why the last read failed.
import type { StateCreator } from 'zustand';
import type { ApiErrorData } from '../../shared/api-error';
import type { EntropySourceView } from '../../shared/entropy';
import type { StationState } from './station-store';

export interface EntropySlice {
  /** Null until the first read answers. */
  entropySources: readonly EntropySourceView[] | null;
  entropyLoading: boolean;
  entropyError: ApiErrorData | null;
}

export const createEntropySlice: StateCreator<StationState, [], [], EntropySlice> = () => ({
  entropySources: null,
  entropyLoading: false,
  entropyError: null,
});

/** The sources with `source` in place of the one with its id, or added at the end when new. */
export function withSource(
  sources: readonly EntropySourceView[] | null,
  source: EntropySourceView,
): readonly EntropySourceView[] {
  const list = sources ?? [];
  return list.some((s) => s.id === source.id)
    ? list.map((s) => (s.id === source.id ? source : s))
    : [...list, source];
}
