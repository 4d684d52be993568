// The security officers' path through the UI: first run, a second officer, the issuer master key
// ceremony with two custodians (each signed in as themselves), then the audit screen: the chain
// verifies and a signed export is written.
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import {
  addOperator,
  completeFirstRun,
  kcvOf,
  kcvPattern,
  OFFICER,
  signIn,
  signOut,
} from './support/station-flows';

const BOB = {
  username: 'bob',
  displayName: 'Bob Custodian',
  roles: ['security_officer'],
  password: 'bob-password-12',
};
const A = '0123456789abcdeffedcba9876543210';
const B = '00112233445566778899aabbccddeeff';
const COMBINED = Buffer.from(Buffer.from(A, 'hex').map((x, i) => x ^ Buffer.from(B, 'hex')[i]!)).toString(
  'hex',
);

async function enterComponent(page: Page, component: string): Promise<void> {
  await page.getByTestId('ceremony-component').fill(component);
  await expect(page.getByTestId('ceremony-component-kcv')).toHaveText(kcvPattern(kcvOf(component)));
  await page.getByTestId('ceremony-sheet-kcv').fill(kcvOf(component));
  await page.getByTestId('ceremony-submit').click();
}

test('two custodians load the issuer key; the audit chain verifies and exports', async ({
  stationPage: page,
  stationTrace,
}, testInfo) => {
  await completeFirstRun(page);
  await page.getByTestId('language-en').click();
  await addOperator(page, BOB);

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-open-ceremony').click();
  await expect(page.getByTestId('ceremony-issuer-none')).toBeVisible();
  await page.getByTestId('ceremony-count-2').click();
  await page.getByTestId('ceremony-start').click();

  await enterComponent(page, A);
  await expect(page.getByTestId('ceremony-accepted')).toBeVisible();
  await expect(page.getByTestId('ceremony-component')).toHaveCount(0);
  await signOut(page);
  await signIn(page, BOB.username, BOB.password);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-open-ceremony').click();
  await enterComponent(page, B);

  await expect(page.getByTestId('ceremony-combined-kcv')).toHaveText(kcvPattern(kcvOf(COMBINED)));
  await page.screenshot({ path: testInfo.outputPath('ceremony-complete.png'), fullPage: true });

  await signOut(page);
  await signIn(page, OFFICER.username, OFFICER.password);
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-table')).toBeVisible();
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-chain-result')).toHaveAttribute('data-intact', 'true');
  await page.getByTestId('audit-export').click();
  await expect(page.getByTestId('audit-export-result')).toBeVisible();
  await expect(page.getByTestId('audit-export-files')).toContainText('.sig');
  await page.screenshot({ path: testInfo.outputPath('audit.png'), fullPage: true });

  // No component, nor the key they make, in the station's log or in the export it wrote.
  const exported = readdirSync(join(stationTrace.dataDir, 'exports'), {
    recursive: true,
    withFileTypes: true,
  })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
  expect(exported.length).toBeGreaterThanOrEqual(7);
  for (const haystack of [Buffer.from(stationTrace.log()), ...exported]) {
    for (const secret of [A, B, COMBINED]) {
      expect(haystack.includes(Buffer.from(secret, 'hex'))).toBe(false);
      expect(haystack.toString('latin1').toLowerCase()).not.toContain(secret);
    }
  }
});
