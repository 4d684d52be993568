// The session sync over a fake transport: session read on connect, sign-in and sign-out, the
// sign-in dialog opened on UNAUTHENTICATED (as inactivity when someone was signed in), after a
// reconnect, and by the idle clock without keeping the session alive.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../shared/wire';
import { createStationClient } from '../client/station-client';
import { FakeTransport } from '../test-support/fake-transport';
import { operator, session } from '../test-support/operator-fixture';
import { idleCheckDue } from './idle-check';
import { startSessionSync, type SessionSync } from './session-sync';
import { resetStationStore, useStationStore } from './station-store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const ok = (value: unknown): Promise<CallResult> => Promise.resolve({ ok: true, value });
const refuse = (code: string, message = code): Promise<CallResult> =>
  Promise.resolve({ ok: false, error: { code, message } as never });

let syncs: SessionSync[] = [];

function start(transport: FakeTransport, now?: () => number): SessionSync {
  const sync = startSessionSync(createStationClient(transport), useStationStore, { now, idleCheckMs: 1_000 });
  syncs.push(sync);
  return sync;
}

beforeEach(() => {
  resetStationStore();
});

afterEach(() => {
  syncs.forEach((s) => s.stop());
  syncs = [];
  vi.useRealTimers();
});

describe('startSessionSync', () => {
  it('reads the session when connected', async () => {
    const transport = new FakeTransport((method) =>
      method === 'auth.session' ? ok(session()) : refuse('UNKNOWN_METHOD'),
    );
    start(transport);
    await flush();
    expect(useStationStore.getState().session?.operator?.username).toBe('alice');
    expect(transport.calls.map((c) => c.method)).toEqual(['auth.session']);
  });

  it('signs in, closing the dialog, and signs out', async () => {
    const transport = new FakeTransport((method) => {
      if (method === 'auth.login') return ok(session());
      return ok(session(null));
    });
    const sync = start(transport);
    await flush();
    useStationStore.getState().openSignIn('requested');
    await sync.login('alice', 'alice password');
    expect(transport.calls.at(-1)).toEqual({
      method: 'auth.login',
      input: { username: 'alice', password: 'alice password' },
    });
    expect(useStationStore.getState()).toMatchObject({
      signIn: null,
      session: { operator: { username: 'alice' } },
    });
    await sync.logout();
    expect(useStationStore.getState().session?.operator).toBeNull();
  });

  it('passes a refused sign-in to the form and keeps the dialog open', async () => {
    const transport = new FakeTransport((method) =>
      method === 'auth.login' ? refuse('INVALID_CREDENTIALS') : ok(session(null)),
    );
    const sync = start(transport);
    await flush();
    useStationStore.getState().openSignIn('requested');
    await expect(sync.login('alice', 'wrong')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(useStationStore.getState().signIn).toEqual({ reason: 'requested' });
  });

  it('treats UNAUTHENTICATED as inactivity when someone was signed in', async () => {
    const transport = new FakeTransport((method) =>
      method === 'auth.session' ? ok(session()) : refuse('UNAUTHENTICATED'),
    );
    const sync = start(transport);
    await flush();
    await expect(sync.client.call('operators.list', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(useStationStore.getState().session?.operator).toBeNull();
    expect(useStationStore.getState().signIn).toEqual({ reason: 'expired' });
  });

  it('asks for sign-in when nobody was signed in', async () => {
    const transport = new FakeTransport((method) =>
      method === 'auth.session' ? ok(session(null)) : refuse('UNAUTHENTICATED'),
    );
    const sync = start(transport);
    await flush();
    await sync.client.call('audit.verify', {}).catch(() => undefined);
    expect(useStationStore.getState().signIn).toEqual({ reason: 'required' });
  });

  it('asks whoever was signed in to sign in again after a reconnect', async () => {
    let current = session();
    const transport = new FakeTransport(() => ok(current));
    start(transport);
    await flush();
    transport.setConnection('reconnecting');
    expect(useStationStore.getState().session?.operator).toBeNull();
    current = session(null);
    transport.setConnection('connected');
    await flush();
    expect(useStationStore.getState().signIn).toEqual({ reason: 'reconnected' });
  });

  it('does not ask after a reconnect when nobody was signed in', async () => {
    const transport = new FakeTransport(() => ok(session(null)));
    start(transport);
    await flush();
    transport.setConnection('reconnecting');
    transport.setConnection('connected');
    await flush();
    expect(useStationStore.getState().signIn).toBeNull();
  });

  it('finds an idle session ended once its timeout has passed without calls', async () => {
    vi.useFakeTimers();
    let now = 0;
    let current = session(operator(), 60);
    const transport = new FakeTransport(() => ok(current));
    useStationStore.setState({ connection: 'connected' });
    start(transport, () => now);
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.calls).toHaveLength(1);
    now = 61_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.calls).toHaveLength(1);
    current = session(null, 60);
    now = 63_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.calls).toHaveLength(2);
    expect(useStationStore.getState().signIn).toEqual({ reason: 'expired' });
  });
});

describe('idleCheckDue', () => {
  it('is due only for a signed-in session idle past its timeout and margin', () => {
    expect(idleCheckDue(0, 62_001, 60, true)).toBe(true);
    expect(idleCheckDue(0, 61_000, 60, true)).toBe(false);
    expect(idleCheckDue(0, 999_999, 60, false)).toBe(false);
  });
});
