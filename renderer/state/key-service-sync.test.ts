// The key-service sync: read when connected with someone signed in (and on each new sign-in),
// replaced whole by sync.changed, an overtaken read dropped, Retry now's answer written at once,
// the connection test kept until the operator changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../shared/wire';
import { createStationClient } from '../client/station-client';
import { FakeTransport } from '../test-support/fake-transport';
import { operator, session } from '../test-support/operator-fixture';
import { connectionTest, keyServiceSettings, syncStatus } from '../test-support/sync-fixture';
import { startKeyServiceSync as startSync, type KeyServiceSync } from './key-service-sync';
import { resetStationStore, useStationStore } from './station-store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const ok = (value: unknown): Promise<CallResult> => Promise.resolve({ ok: true, value });
const signIn = (id = 1) =>
  useStationStore.setState({ session: session(operator({ id, roles: ['supervisor'] })) });
const statusCalls = (transport: FakeTransport) => transport.calls.filter((c) => c.method === 'sync.status');

const running: KeyServiceSync[] = [];
/** Starts a sync that is stopped after the case, so it never hears the next case's store. */
const startKeyServiceSync = (...args: Parameters<typeof startSync>): KeyServiceSync => {
  const sync = startSync(...args);
  running.push(sync);
  return sync;
};

beforeEach(() => {
  resetStationStore();
});

afterEach(() => {
  running.splice(0).forEach((sync) => sync.stop());
});

describe('startKeyServiceSync', () => {
  it('waits for a signed-in operator, then reads, and follows sync.changed', async () => {
    const status = syncStatus();
    const transport = new FakeTransport(() => ok(status));
    const sync = startKeyServiceSync(createStationClient(transport), useStationStore);
    await flush();
    expect(statusCalls(transport)).toHaveLength(0);

    signIn();
    await flush();
    expect(statusCalls(transport)).toHaveLength(1);
    expect(useStationStore.getState().syncStatus).toEqual(status);

    const pushed = syncStatus({ state: 'backing-off', pending: 3, lastError: 'ab12: connection refused' });
    transport.emit('sync.changed', pushed);
    expect(useStationStore.getState().syncStatus).toEqual(pushed);

    // The same operator's session refreshed: no new read; another operator: read again.
    useStationStore.setState({ session: session(operator({ id: 1, roles: ['supervisor'] })) });
    await flush();
    expect(statusCalls(transport)).toHaveLength(1);
    signIn(2);
    await flush();
    expect(statusCalls(transport)).toHaveLength(2);

    sync.stop();
    transport.emit('sync.changed', syncStatus({ synced: 99 }));
    signIn(3);
    await flush();
    expect(statusCalls(transport)).toHaveLength(2);
    expect(useStationStore.getState().syncStatus?.synced).toBe(12);
  });

  it('reads again on reconnect when someone is signed in, not when nobody is', async () => {
    const transport = new FakeTransport(() => ok(syncStatus()));
    startKeyServiceSync(createStationClient(transport), useStationStore);
    transport.setConnection('reconnecting');
    transport.setConnection('connected');
    await flush();
    expect(statusCalls(transport)).toHaveLength(0);

    signIn();
    await flush();
    expect(statusCalls(transport)).toHaveLength(1);
    transport.setConnection('reconnecting');
    transport.setConnection('connected');
    await flush();
    expect(statusCalls(transport)).toHaveLength(2);
  });

  it('drops a read that an event overtook', async () => {
    signIn();
    let answer: (value: CallResult) => void = () => undefined;
    const transport = new FakeTransport(
      () =>
        new Promise<CallResult>((resolve) => {
          answer = resolve;
        }),
    );
    startKeyServiceSync(createStationClient(transport), useStationStore);
    await flush();
    expect(useStationStore.getState().syncLoading).toBe(true);
    const pushed = syncStatus({ state: 'syncing', pending: 2 });
    transport.emit('sync.changed', pushed);
    answer({ ok: true, value: syncStatus() });
    await flush();
    expect(useStationStore.getState().syncStatus).toEqual(pushed);
    expect(useStationStore.getState().syncLoading).toBe(false);
  });

  it('keeps a refused read in the store, and clears it with the next push', async () => {
    signIn();
    const transport = new FakeTransport(() =>
      Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }),
    );
    startKeyServiceSync(createStationClient(transport), useStationStore);
    await flush();
    expect(useStationStore.getState().syncError?.code).toBe('FORBIDDEN');
    expect(useStationStore.getState().syncLoading).toBe(false);
    transport.emit('sync.changed', syncStatus());
    expect(useStationStore.getState().syncError).toBeNull();
  });

  it('writes Retry now into the store and keeps the connection test per operator', async () => {
    signIn();
    const retried = syncStatus({ state: 'syncing', pending: 4 });
    const tested = connectionTest({ ok: false, detail: 'TIMEOUT: no answer', latencyMs: null });
    const transport = new FakeTransport((method) => {
      if (method === 'sync.status') return ok(syncStatus({ state: 'backing-off', pending: 4 }));
      if (method === 'sync.retryNow') return ok(retried);
      if (method === 'sync.testConnection') return ok(tested);
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: method } });
    });
    const sync = startKeyServiceSync(createStationClient(transport), useStationStore, {
      now: () => new Date('2025-01-01T09:00:00.000Z'),
    });
    await flush();

    await expect(sync.retryNow()).resolves.toEqual(retried);
    expect(useStationStore.getState().syncStatus).toEqual(retried);
    expect(transport.calls.at(-1)).toEqual({ method: 'sync.retryNow', input: {} });

    await expect(sync.testConnection()).resolves.toEqual(tested);
    expect(useStationStore.getState().connectionTest).toEqual({
      result: tested,
      testedAt: '2025-01-01T09:00:00.000Z',
    });

    // Signing out drops the test: it belongs to whoever asked for it.
    useStationStore.setState({ session: session(null) });
    expect(useStationStore.getState().connectionTest).toBeNull();
  });

  it('throws a refused action for the button to word, leaving no stale test behind', async () => {
    signIn();
    const transport = new FakeTransport((method) =>
      method === 'sync.status'
        ? ok(syncStatus())
        : Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Not your role.' } }),
    );
    const sync = startKeyServiceSync(createStationClient(transport), useStationStore);
    await flush();
    useStationStore.setState({
      connectionTest: { result: connectionTest(), testedAt: '2025-01-01T08:00:00.000Z' },
    });
    await expect(sync.retryNow()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(sync.testConnection()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(useStationStore.getState().connectionTest).toBeNull();
    expect(useStationStore.getState().syncStatus).toEqual(syncStatus());
  });

  describe('settings', () => {
    const signInAs = (roles: ('operator' | 'supervisor' | 'security_officer')[], id = 1) =>
      useStationStore.setState({ session: session(operator({ id, roles })) });
    const input = {
      host: 'kms2.example',
      port: 5696,
      caPem: 'CA PEM',
      certPem: 'CERT PEM',
      keyPem: '-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----',
    };

    it('reads them for roles allowed, never for an operator, and drops them when the operator changes', async () => {
      const view = keyServiceSettings();
      const transport = new FakeTransport((method) => ok(method === 'sync.settings' ? view : syncStatus()));
      const sync = startKeyServiceSync(createStationClient(transport), useStationStore);
      signInAs(['operator']);
      await sync.loadSettings();
      expect(transport.calls.filter((c) => c.method === 'sync.settings')).toHaveLength(0);
      expect(useStationStore.getState().keyServiceSettings).toBeNull();

      signInAs(['supervisor'], 2);
      await sync.loadSettings();
      expect(useStationStore.getState().keyServiceSettings).toEqual(view);

      signInAs(['operator'], 3);
      expect(useStationStore.getState().keyServiceSettings).toBeNull();
    });

    it('configures, keeps only the view (never the key) and drops the old connection test', async () => {
      signInAs(['security_officer']);
      const configured = keyServiceSettings({ host: 'kms2.example', configuredBy: 'alice' });
      const transport = new FakeTransport((method) => {
        if (method === 'sync.configure') return ok(configured);
        if (method === 'sync.settings') return ok(keyServiceSettings({ source: 'none' }));
        return ok(syncStatus());
      });
      const sync = startKeyServiceSync(createStationClient(transport), useStationStore);
      await sync.loadSettings();
      useStationStore.setState({
        connectionTest: { result: connectionTest(), testedAt: '2025-01-01T08:00:00.000Z' },
      });

      await expect(sync.configure(input)).resolves.toEqual(configured);
      expect(transport.calls.at(-1)).toEqual({ method: 'sync.configure', input });
      const state = useStationStore.getState();
      expect(state.keyServiceSettings).toEqual(configured);
      expect(state.connectionTest).toBeNull();
      expect(JSON.stringify(state)).not.toContain('PRIVATE KEY');
    });

    it('throws a refusal for the form, and reads again when a push names another service', async () => {
      signInAs(['security_officer']);
      let reads = 0;
      const transport = new FakeTransport((method) => {
        if (method === 'sync.configure') {
          return Promise.resolve({
            ok: false,
            error: {
              code: 'RULE_VIOLATION',
              message: 'The client private key does not belong to the client certificate.',
            },
          });
        }
        if (method === 'sync.settings') {
          reads += 1;
          return ok(keyServiceSettings({ host: reads === 1 ? 'kms.example' : 'kms2.example' }));
        }
        return ok(syncStatus());
      });
      const sync = startKeyServiceSync(createStationClient(transport), useStationStore);
      await flush();
      await sync.loadSettings();
      await expect(sync.configure(input)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
      expect(useStationStore.getState().keyServiceSettings?.host).toBe('kms.example');

      transport.emit('sync.changed', syncStatus({ synced: 13 }));
      await flush();
      expect(reads).toBe(1);
      transport.emit('sync.changed', syncStatus({ service: 'kms2.example:5696' }));
      await flush();
      expect(reads).toBe(2);
      expect(useStationStore.getState().keyServiceSettings?.host).toBe('kms2.example');
    });
  });
});
