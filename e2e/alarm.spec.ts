// A station whose power-on self-test fails shows a loud alarm that says what happened, what it
// means and what to do, and its Status panel names the failed test.
import { expect, test } from './support/fixtures';

test.use({ hostVariant: 'failing-self-test' });
test.beforeEach(({ hostVariant }, testInfo) => {
  testInfo.skip(testInfo.project.name === 'electron', `The ${hostVariant} variant is a web host.`);
});

test('a failed self-test locks the station behind an alarm', async ({
  statusPage,
  stationPage,
}, testInfo) => {
  await statusPage.switchLanguage('en');
  await expect(statusPage.alarmBanner).toBeVisible();
  await expect(statusPage.alarmBanner).toContainText('sm3');
  await expect(statusPage.selfTestVerdict).toContainText(/failed/i);
  await stationPage.screenshot({ path: testInfo.outputPath('alarm-en.png'), fullPage: true });
});
