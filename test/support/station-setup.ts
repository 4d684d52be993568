// Test helpers over the web bridge: first-run setup of a fresh station and signing in.
import { expect } from 'vitest';
import type { Bridge } from './ws-client';

export const OFFICER = {
  username: 'officer',
  displayName: 'First Officer',
  password: 'officer-password-1',
} as const;
export const STATION_PASSPHRASE = 'correct horse battery staple';

/** Runs first-run setup on a fresh station; the bridge is then signed in as the first officer. */
export async function setUpStation(bridge: Bridge): Promise<void> {
  const result = await bridge.call('station.setup', {
    officer: OFFICER,
    stationPassphrase: STATION_PASSPHRASE,
  });
  expect(result).toMatchObject({ ok: true });
  const session = await bridge.call('auth.session', {});
  expect(session).toMatchObject({ ok: true, value: { operator: { username: OFFICER.username } } });
}

export async function signIn(bridge: Bridge, username: string, password: string): Promise<void> {
  const result = await bridge.call('auth.login', { username, password });
  expect(result).toMatchObject({ ok: true, value: { operator: { username } } });
}
