// The fixtures every e2e test uses: `stationPage` opens the station either way (web host in
// Chromium for the browser project, the Electron app for the electron project), fails the test on
// any page error, and exposes the Status page object.
import { test as base, _electron as electron, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_LAUNCH } from './chromium';
import { StatusPage } from './status-page';
import { startWebHostProcess, type HostVariant } from './web-host-process';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The Electron binary's path, or null when it was not installed (no download possible here). */
export function electronBinary(): string | null {
  try {
    const dir = join(root, 'node_modules', 'electron');
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** What the station process left behind: its diagnostic log and its data directory. */
export interface StationTrace {
  log(): string;
  readonly dataDir: string;
}

interface Fixtures {
  /** Which web host the browser project starts; a test may ask for a failing self-test. */
  hostVariant: HostVariant;
  /** STATION_ENTROPY of the web host: "none" unless a test configures a source. */
  stationEntropy: string;
  /** More environment for the station process (e.g. a PC/SC lab's socket); none by default. */
  stationEnv: Readonly<Record<string, string>>;
  stationPage: Page;
  stationTrace: StationTrace;
  statusPage: StatusPage;
}

interface WorkerState {
  trace: StationTrace | null;
}

const current: WorkerState = { trace: null };

export const test = base.extend<Fixtures>({
  hostVariant: ['built', { option: true }],
  stationEntropy: ['none', { option: true }],
  stationEnv: [{}, { option: true }],
  stationPage: async ({ playwright, hostVariant, stationEntropy, stationEnv }, use, testInfo) => {
    const errors: string[] = [];
    if (testInfo.project.name === 'electron') {
      const binary = electronBinary();
      testInfo.skip(
        binary === null,
        'Electron binary not installed on this machine (downloads are blocked); the browser project covers the UI.',
      );
      const dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-electron-'));
      const app = await electron.launch({
        executablePath: binary!,
        args: [join(root, 'out', 'main', 'electron.js')],
        env: { ...process.env, ...stationEnv, STATION_DATA_DIR: dataDir },
      });
      let log = '';
      app.process().stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      current.trace = { log: () => log, dataDir };
      const page = await app.firstWindow();
      page.on('pageerror', (e) => errors.push(e.message));
      await use(page);
      await app.close();
    } else {
      const host = await startWebHostProcess(hostVariant, stationEntropy, stationEnv);
      current.trace = { log: () => host.log(), dataDir: host.dataDir };
      const browser = await playwright.chromium.launch(CHROMIUM_LAUNCH);
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(host.url);
      await use(page);
      await browser.close();
      await host.stop();
    }
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  },
  stationTrace: async ({ stationPage }, use) => {
    if (!current.trace) throw new Error(`no station started for ${stationPage.url()}`);
    await use(current.trace);
  },
  statusPage: async ({ stationPage }, use) => {
    await use(new StatusPage(stationPage));
  },
});

export { expect } from '@playwright/test';
