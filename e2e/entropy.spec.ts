// A QRNG that starts failing stops key issue and shows the alarm; after the device is repaired, an
// officer's acknowledgement runs the fresh start-up test and power-on check and clears it. The
// QRNG is the stream emulator on a real FIFO, read by the web host's stream driver.
import { startFifoEmulator, type StreamEmulator } from '../sim/qrng/stream-emulator';
import { expect, test as base } from './support/fixtures';
import { completeFirstRun } from './support/station-flows';

const test = base.extend<{ qrng: StreamEmulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
  qrng: async ({}, use) => {
    const emulator = await startFifoEmulator({ seed: 'e2e-devices' });
    await use(emulator);
    await emulator.stop();
  },
  stationEntropy: async ({ qrng }, use) => {
    await use(JSON.stringify({ kind: 'stream', path: qrng.path, checkAttempts: 5 }));
  },
});

test.beforeEach(({ stationEntropy }, testInfo) => {
  testInfo.skip(
    testInfo.project.name === 'electron',
    `The emulated QRNG (${stationEntropy}) is configured on the web host.`,
  );
});

test('a stuck QRNG raises the alarm; repair, acknowledge and re-test clear it', async ({
  stationPage: page,
  statusPage,
  qrng,
}, testInfo) => {
  test.setTimeout(120_000);
  await statusPage.switchLanguage('en');
  await completeFirstRun(page);
  await statusPage.open('devices');
  const source = page.getByTestId('entropy-source-qrng-0');
  const pool = source.getByTestId('entropy-pool-state');
  await expect(pool).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(source.getByTestId('entropy-check-power-on-result')).toContainText(/pass/i);
  await expect(page.getByTestId('simulation-banner')).toHaveCount(0);

  qrng.stuck(0x00);
  await expect(pool).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(source.getByTestId('entropy-failure')).toContainText(/repetition|proportion/i);
  await expect(statusPage.alarmBanner).toContainText(/random number source failed/i);
  await page.screenshot({ path: testInfo.outputPath('entropy-failed.png'), fullPage: true });

  await qrng.repair();
  await source.getByTestId('entropy-acknowledge').click();
  await expect(pool).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(statusPage.alarmBanner).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('entropy-recovered.png'), fullPage: true });
});
