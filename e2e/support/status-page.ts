// Page object for the station shell and its Status panel: locators by data-testid, intent-level
// actions.
import type { Locator, Page } from '@playwright/test';
import type { Language } from '../../shared/settings';

export class StatusPage {
  readonly panel: Locator;
  readonly selfTestVerdict: Locator;
  readonly cryptoProvider: Locator;
  readonly alarmBanner: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('status-panel');
    this.selfTestVerdict = page.getByTestId('selftest-verdict');
    this.cryptoProvider = page.getByTestId('crypto-provider');
    this.alarmBanner = page.getByTestId('alarm-banner');
  }

  async switchLanguage(language: Language): Promise<void> {
    await this.page.getByTestId(`language-${language}`).click();
  }

  async open(screen: string): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click();
  }
}
