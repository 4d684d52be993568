// The station sync over a fake transport: status read on connect and on every reconnect, events
// written into the store, the language switch applied at once and undone on refusal.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../shared/wire';
import { createStationClient } from '../client/station-client';
import { FakeTransport } from '../test-support/fake-transport';
import { stationStatus } from '../test-support/status-fixture';
import { resetStationStore, useStationStore } from './station-store';
import { startStationSync } from './station-sync';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function answerWith(status = stationStatus()) {
  return (method: string, input: unknown): Promise<CallResult> => {
    if (method === 'station.status') return Promise.resolve({ ok: true, value: status });
    if (method === 'settings.setLanguage') return Promise.resolve({ ok: true, value: input });
    return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: method } });
  };
}

beforeEach(() => {
  resetStationStore();
});

describe('startStationSync', () => {
  it('reads the status at once when already connected and takes its language', async () => {
    const transport = new FakeTransport(answerWith(stationStatus({ language: 'en' })));
    startStationSync(createStationClient(transport), useStationStore);
    expect(useStationStore.getState().statusLoading).toBe(true);
    await flush();
    const state = useStationStore.getState();
    expect(state.status?.stationName).toBe('Line 1');
    expect(state.statusLoading).toBe(false);
    expect(state.language).toBe('en');
    expect(state.connection).toBe('connected');
  });

  it('waits for the connection, then reads the status again after every reconnect', async () => {
    const transport = new FakeTransport(answerWith(), 'connecting');
    startStationSync(createStationClient(transport), useStationStore);
    expect(transport.calls).toHaveLength(0);
    transport.setConnection('connected');
    await flush();
    transport.setConnection('reconnecting');
    expect(useStationStore.getState().connection).toBe('reconnecting');
    transport.setConnection('connected');
    await flush();
    expect(transport.calls.map((c) => c.method)).toEqual(['station.status', 'station.status']);
  });

  it('keeps the refusal when the status cannot be read', async () => {
    const transport = new FakeTransport(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'INTERNAL', message: 'db' },
      }),
    );
    startStationSync(createStationClient(transport), useStationStore);
    await flush();
    expect(useStationStore.getState()).toMatchObject({
      status: null,
      statusLoading: false,
      statusError: { code: 'INTERNAL', message: 'db' },
    });
  });

  it('stops loading when the page has no token', () => {
    const transport = new FakeTransport(answerWith(), 'missing-token');
    startStationSync(createStationClient(transport), useStationStore);
    expect(useStationStore.getState()).toMatchObject({ connection: 'missing-token', statusLoading: false });
  });

  it('writes pushed status and language events into the store', async () => {
    const transport = new FakeTransport(answerWith());
    startStationSync(createStationClient(transport), useStationStore);
    await flush();
    transport.emit('station.statusChanged', stationStatus({ stationName: 'Line 2' }));
    expect(useStationStore.getState().status?.stationName).toBe('Line 2');
    transport.emit('settings.languageChanged', { language: 'en' });
    expect(useStationStore.getState().language).toBe('en');
    expect(useStationStore.getState().status?.language).toBe('en');
  });

  it('switches the language at once and asks the station to keep it', async () => {
    const transport = new FakeTransport(answerWith());
    const sync = startStationSync(createStationClient(transport), useStationStore);
    await flush();
    const done = sync.setLanguage('en');
    expect(useStationStore.getState().language).toBe('en');
    await done;
    expect(transport.calls.at(-1)).toEqual({ method: 'settings.setLanguage', input: { language: 'en' } });
    expect(useStationStore.getState().actionError).toBeNull();
  });

  it('keeps the chosen language when a status read before the switch arrives after it', async () => {
    const transport = new FakeTransport(answerWith());
    const sync = startStationSync(createStationClient(transport), useStationStore);
    let answerSwitch = (): void => {};
    transport.answer = (method, input) =>
      method === 'settings.setLanguage'
        ? new Promise((resolve) => (answerSwitch = () => resolve({ ok: true, value: input })))
        : answerWith()(method, input);
    const done = sync.setLanguage('en');
    transport.emit('station.statusChanged', stationStatus({ language: 'zh-CN' }));
    expect(useStationStore.getState().language).toBe('en');
    answerSwitch();
    await done;
    transport.emit('station.statusChanged', stationStatus({ language: 'en' }));
    expect(useStationStore.getState().language).toBe('en');
  });

  it('undoes the language switch and reports it when the station refuses', async () => {
    const transport = new FakeTransport(answerWith());
    const sync = startStationSync(createStationClient(transport), useStationStore);
    await flush();
    transport.answer = () => Promise.resolve({ ok: false, error: { code: 'TRANSPORT', message: 'closed' } });
    await sync.setLanguage('en');
    expect(useStationStore.getState().language).toBe('zh-CN');
    expect(useStationStore.getState().actionError).toEqual({
      action: 'setLanguage',
      error: { code: 'TRANSPORT', message: 'closed' },
    });
  });

  it('stops listening when stopped', async () => {
    const transport = new FakeTransport(answerWith());
    const sync = startStationSync(createStationClient(transport), useStationStore);
    await flush();
    sync.stop();
    transport.emit('settings.languageChanged', { language: 'en' });
    expect(useStationStore.getState().language).toBe('zh-CN');
  });
});

describe('resetStationStore', () => {
  it('puts every slice back to its first state', () => {
    useStationStore.getState().showScreen('audit');
    useStationStore.setState({ status: stationStatus(), connection: 'connected', language: 'en' });
    resetStationStore();
    expect(useStationStore.getState()).toMatchObject({
      screen: 'status',
      status: null,
      statusLoading: true,
      connection: 'connecting',
      language: 'zh-CN',
      actionError: null,
    });
  });
});
