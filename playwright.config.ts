// Playwright: one suite, two projects. `browser` runs the web host in Debian's Chromium;
// `electron` launches the app where the Electron binary exists and is skipped (with the reason)
// where it does not.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // scripts/test.mjs asks for a JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) to sum up the run.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  projects: [{ name: 'browser' }, { name: 'electron' }],
});
