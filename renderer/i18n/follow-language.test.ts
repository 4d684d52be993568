// The UI follows the store's language: i18next, <html lang> and the page title switch together.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetStationStore, useStationStore } from '../state/station-store';
import { followLanguage } from './follow-language';
import { createI18n } from './i18n';

beforeEach(() => {
  resetStationStore();
});

describe('followLanguage', () => {
  it('applies the current language, then every change', () => {
    const page = { documentElement: { lang: '' }, title: '' };
    const i18n = createI18n('zh-CN');
    const stop = followLanguage(useStationStore, i18n, page as unknown as Document);
    expect(page.documentElement.lang).toBe('zh-CN');
    expect(page.title).toBe('量子密钥灌装站');
    useStationStore.setState({ language: 'en' });
    expect(i18n.language).toBe('en');
    expect(page.documentElement.lang).toBe('en');
    expect(page.title).toBe('Quantum key filling station');
    stop();
  });
});
