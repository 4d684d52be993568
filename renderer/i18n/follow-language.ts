// Makes the UI speak the store's language: switches i18next, the page's <html lang> and its title
// as soon as the language in the store changes.
import type { i18n } from 'i18next';
import type { StoreApi } from 'zustand';
import type { Language } from '../../shared/settings';
import type { StationState } from '../state/station-store';

export function followLanguage(store: StoreApi<StationState>, i18n: i18n, page: Document): () => void {
  const apply = (language: Language): void => {
    void i18n.changeLanguage(language);
    page.documentElement.lang = language;
    page.title = i18n.t('header.product');
  };
  apply(store.getState().language);
  return store.subscribe((state, previous) => {
    if (state.language !== previous.language) apply(state.language);
  });
}
