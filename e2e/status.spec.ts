// After the first run, the Status panel reports every self-test passed; the UI switches language at once
// language switches at once (and keeps the choice across a reload), and keeps a screenshot of each language.
import { expect, test } from './support/fixtures';
import { completeFirstRun } from './support/station-flows';

test('status panel reports all self-tests passed and the language switches', async ({
  statusPage,
  stationPage,
}, testInfo) => {
  await completeFirstRun(stationPage);
  await statusPage.open('status');
  await expect(statusPage.panel).toBeVisible();
  await expect(statusPage.alarmBanner).toHaveCount(0);

  await statusPage.switchLanguage('en');
  await expect(stationPage.locator('html')).toHaveAttribute('lang', 'en');
  await expect(statusPage.selfTestVerdict).toContainText(/All \d+ self-tests passed/);
  await expect(statusPage.cryptoProvider).toContainText(/native|JavaScript/);
  await stationPage.screenshot({ path: testInfo.outputPath('status-en.png'), fullPage: true });

  await statusPage.switchLanguage('zh-CN');
  await expect(stationPage.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(statusPage.selfTestVerdict).toContainText('通过');
  await stationPage.screenshot({ path: testInfo.outputPath('status-zh-CN.png'), fullPage: true });

  await stationPage.reload();
  await expect(stationPage.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(statusPage.panel).toBeVisible();
});

test('every screen not yet built says what it will hold', async ({ statusPage, stationPage }) => {
  await completeFirstRun(stationPage);
  await statusPage.switchLanguage('en');
  for (const screen of ['fill', 'verify', 'devices', 'audit', 'settings']) {
    await statusPage.open(screen);
    await expect(stationPage.getByTestId(`screen-${screen}`)).toBeVisible();
  }
});
