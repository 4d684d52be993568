// UI state: which screen is shown, the language the UI speaks, and the last failed operator
// action (shown until dismissed).
import type { StateCreator } from 'zustand';
import type { ApiErrorData } from '../../shared/api-error';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/settings';
import type { StationState } from './station-store';

/** The screens in the navigation, in order. */
export const NAV_SCREENS = ['fill', 'verify', 'audit', 'devices', 'settings', 'status'] as const;
export type NavScreen = (typeof NAV_SCREENS)[number];
/** Every screen: the navigation's, and the ones reached from Settings. */
export const SCREENS = [...NAV_SCREENS, 'operators', 'ceremony'] as const;
export type Screen = (typeof SCREENS)[number];
export const START_SCREEN: Screen = 'status';

/** The navigation item a screen belongs to (Operators and Key ceremony live under Settings). */
export function navScreenOf(screen: Screen): NavScreen {
  return screen === 'operators' || screen === 'ceremony' ? 'settings' : screen;
}

/** Operator actions whose failure is reported in the notice area. */
export type ActionName = 'setLanguage' | 'logout';

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
