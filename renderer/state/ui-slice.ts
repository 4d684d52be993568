// UI state: which screen is shown, the language the UI speaks, and the last failed operator
// action (shown until dismissed).
import type { StateCreator } from 'zustand';
import type { ApiErrorData } from '../../shared/api-error';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/settings';
import type { StationState } from './station-store';

export const SCREENS = ['fill', 'verify', 'audit', 'devices', 'settings', 'status'] as const;
export type Screen = (typeof SCREENS)[number];
export const START_SCREEN: Screen = 'status';

/** Operator actions whose failure is reported in the notice area. */
export type ActionName = 'setLanguage';

export interface ActionError {
  readonly action: ActionName;
  readonly error: ApiErrorData;
}

export interface UiSlice {
  screen: Screen;
  /** Follows status.language; set ahead of the station's answer when the operator switches. */
  language: Language;
  actionError: ActionError | null;
  showScreen: (screen: Screen) => void;
  dismissActionError: () => void;
}

export const createUiSlice: StateCreator<StationState, [], [], UiSlice> = (set) => ({
  screen: START_SCREEN,
  language: DEFAULT_LANGUAGE,
  actionError: null,
  showScreen: (screen) => set({ screen }),
  dismissActionError: () => set({ actionError: null }),
});
