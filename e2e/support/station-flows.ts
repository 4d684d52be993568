// Intent-level flows the e2e tests share: the first-run setup, signing in and out, adding an
// operator. They drive the UI by data-testid, as an operator would.
import { createCipheriv } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export const OFFICER = { username: 'officer', displayName: 'First Officer', password: 'officer-password-1' };
export const PASSPHRASE = 'a long station passphrase';

/** KCV of a 16-byte SM4 key: the first 3 bytes of SM4_K(0^16), as 6 hex digits. */
export function kcvOf(keyHex: string): string {
  const cipher = createCipheriv('sm4-ecb', Buffer.from(keyHex, 'hex'), null).setAutoPadding(false);
  return cipher.update(Buffer.alloc(16)).subarray(0, 3).toString('hex');
}

/** Matches a KCV however the UI groups and cases it ("2677f4", "26 77 F4"). */
export function kcvPattern(kcvHex: string): RegExp {
  return new RegExp((kcvHex.match(/../g) ?? []).join('\\s?'), 'i');
}

export async function completeFirstRun(page: Page): Promise<void> {
  await expect(page.getByTestId('setup-screen')).toBeVisible();
  await page.getByTestId('setup-username').fill(OFFICER.username);
  await page.getByTestId('setup-display-name').fill(OFFICER.displayName);
  await page.getByTestId('setup-password').fill(OFFICER.password);
  await page.getByTestId('setup-password-repeat').fill(OFFICER.password);
  await page.getByTestId('setup-passphrase').fill(PASSPHRASE);
  await page.getByTestId('setup-passphrase-repeat').fill(PASSPHRASE);
  await page.getByTestId('setup-passphrase-stored').check();
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('session-name')).toContainText(OFFICER.displayName);
  // Setup ends on the Settings screen (next step: the key ceremony); wait for it before navigating.
  await expect(page.getByTestId('screen-settings')).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('session-none')).toBeVisible();
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  if (!(await page.getByTestId('login-dialog').isVisible())) await page.getByTestId('login-open').click();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-dialog')).toHaveCount(0);
}

export async function addOperator(
  page: Page,
  op: { username: string; displayName: string; roles: string[]; password: string },
): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-open-operators').click();
  await page.getByTestId('operators-add').click();
  await page.getByTestId('operators-form-username').fill(op.username);
  await page.getByTestId('operators-form-display-name').fill(op.displayName);
  for (const role of op.roles) await page.getByTestId(`operators-form-role-${role}`).check();
  await page.getByTestId('operators-form-password').fill(op.password);
  await page.getByTestId('operators-form-password-repeat').fill(op.password);
  await page.getByTestId('operators-form-submit').click();
  await expect(page.getByTestId(`operators-row-${op.username}`)).toBeVisible();
}

/** A custodian types a key component and the KCV from their sheet, and submits it. */
export async function enterCeremonyComponent(page: Page, component: string): Promise<void> {
  await page.getByTestId('ceremony-component').fill(component);
  await expect(page.getByTestId('ceremony-component-kcv')).toHaveText(kcvPattern(kcvOf(component)));
  await page.getByTestId('ceremony-sheet-kcv').fill(kcvOf(component));
  await page.getByTestId('ceremony-submit').click();
}
