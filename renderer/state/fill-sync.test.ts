// The fill sync: read when connected with someone signed in (and on each new sign-in), replaced
// whole by fill.changed, an overtaken read dropped, action answers written ahead of the events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../shared/wire';
import { createStationClient } from '../client/station-client';
import { batchView, fillLineStatus, fillView, verifyReport } from '../test-support/fill-fixture';
import { FakeTransport } from '../test-support/fake-transport';
import { operator, session } from '../test-support/operator-fixture';
import { withBatch, withRefillAuthorised } from './fill-slice';
import { startFillSync as startSync, type FillSync } from './fill-sync';
import { resetStationStore, useStationStore } from './station-store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const ok = (value: unknown): Promise<CallResult> => Promise.resolve({ ok: true, value });
const signIn = (id = 1) =>
  useStationStore.setState({ session: session(operator({ id, roles: ['operator'] })) });
const statusCalls = (transport: FakeTransport) => transport.calls.filter((c) => c.method === 'fill.status');

const running: FillSync[] = [];
/** Starts a sync that is stopped after the case, so it never hears the next case's store. */
const startFillSync = (...args: Parameters<typeof startSync>): FillSync => {
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

describe('withBatch and withRefillAuthorised', () => {
  it('puts a batch in place, leaving a newer copy of the same batch alone when asked', () => {
    const status = fillLineStatus({ batch: batchView({ filled: 5 }) });
    const answer = batchView({ filled: 3 });
    expect(withBatch(null, answer, true)).toBeNull();
    expect(withBatch(status, answer, true)).toBe(status);
    expect(withBatch(status, answer, false)?.batch).toEqual(answer);
    const other = batchView({ id: 'b-2' });
    expect(withBatch(status, other, true)?.batch).toEqual(other);
  });

  it('adds an authorised serial once', () => {
    const status = fillLineStatus();
    const once = withRefillAuthorised(status, 'ab12');
    expect(once?.refillAuthorised).toEqual(['ab12']);
    expect(withRefillAuthorised(once, 'ab12')).toBe(once);
    expect(withRefillAuthorised(null, 'ab12')).toBeNull();
  });
});

describe('startFillSync', () => {
  it('waits for a signed-in operator, then reads, and follows fill.changed', async () => {
    const status = fillLineStatus();
    const transport = new FakeTransport(() => ok(status));
    const sync = startFillSync(createStationClient(transport), useStationStore);
    await flush();
    expect(statusCalls(transport)).toHaveLength(0);

    signIn();
    await flush();
    expect(statusCalls(transport)).toHaveLength(1);
    expect(useStationStore.getState().fillStatus).toEqual(status);

    const pushed = fillLineStatus({ fills: [fillView({ step: 'put-keys', keysWritten: 512 })] });
    transport.emit('fill.changed', pushed);
    expect(useStationStore.getState().fillStatus).toEqual(pushed);

    // The same operator's session refreshed: no new read; another operator: read again.
    useStationStore.setState({ session: session(operator({ id: 1, roles: ['operator'] })) });
    await flush();
    expect(statusCalls(transport)).toHaveLength(1);
    signIn(2);
    await flush();
    expect(statusCalls(transport)).toHaveLength(2);

    sync.stop();
    transport.emit('fill.changed', pushed);
    signIn(3);
    await flush();
    expect(statusCalls(transport)).toHaveLength(2);
  });

  it('reads again on reconnect when someone is signed in', async () => {
    signIn();
    const transport = new FakeTransport(() => ok(fillLineStatus()));
    startFillSync(createStationClient(transport), useStationStore);
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
    startFillSync(createStationClient(transport), useStationStore);
    await flush();
    expect(useStationStore.getState().fillLoading).toBe(true);
    const pushed = fillLineStatus({ fills: [fillView({ state: 'done', step: 'done' })] });
    transport.emit('fill.changed', pushed);
    answer({ ok: true, value: fillLineStatus() });
    await flush();
    expect(useStationStore.getState().fillStatus).toEqual(pushed);
    expect(useStationStore.getState().fillLoading).toBe(false);
  });

  it('keeps a refused read in the store', async () => {
    signIn();
    const transport = new FakeTransport(() =>
      Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }),
    );
    startFillSync(createStationClient(transport), useStationStore);
    await flush();
    expect(useStationStore.getState().fillError?.code).toBe('FORBIDDEN');
    expect(useStationStore.getState().fillLoading).toBe(false);
  });

  it('writes action answers into the store and keeps verify reports per reader', async () => {
    signIn();
    const opened = batchView({ id: 'b-2', filled: 0, failed: 0, inProgress: 0 });
    const closed = batchView({ state: 'closed' });
    const report = verifyReport();
    const transport = new FakeTransport((method) => {
      if (method === 'fill.status') return ok(fillLineStatus({ batch: null }));
      if (method === 'fill.startBatch') return ok(opened);
      if (method === 'fill.closeBatch') return ok(closed);
      if (method === 'fill.authoriseRefill') return ok({});
      if (method === 'verify.chip') return ok(report);
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: method } });
    });
    const sync = startFillSync(createStationClient(transport), useStationStore, {
      now: () => new Date('2025-01-01T09:00:00.000Z'),
    });
    await flush();

    await sync.startBatch({ workOrder: 'WO-7', chips: 5, poolSize: 1024, profile: 'reference' });
    expect(useStationStore.getState().fillStatus?.batch).toEqual(opened);
    expect(transport.calls.at(-1)).toEqual({
      method: 'fill.startBatch',
      input: { workOrder: 'WO-7', chips: 5, poolSize: 1024, profile: 'reference' },
    });

    await sync.closeBatch('b-1');
    expect(useStationStore.getState().fillStatus?.batch).toEqual(closed);

    await sync.authoriseRefill('ab12', 'Label reprinted');
    expect(useStationStore.getState().fillStatus?.refillAuthorised).toEqual(['ab12']);

    await sync.verify('Virtual PCD 00 00');
    expect(useStationStore.getState().verifyResults).toEqual({
      'Virtual PCD 00 00': { report, checkedAt: '2025-01-01T09:00:00.000Z' },
    });

    // Signing out drops the reports: they belong to whoever asked for them.
    useStationStore.setState({ session: session(null) });
    expect(useStationStore.getState().verifyResults).toEqual({});
  });

  it('throws a refused action for the form to word', async () => {
    signIn();
    const transport = new FakeTransport((method) =>
      method === 'fill.status'
        ? ok(fillLineStatus())
        : Promise.resolve({ ok: false, error: { code: 'RULE_VIOLATION', message: 'A batch is open.' } }),
    );
    const sync = startFillSync(createStationClient(transport), useStationStore);
    await flush();
    await expect(
      sync.startBatch({ workOrder: 'WO-8', chips: 1, poolSize: 16, profile: 'reference' }),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    await expect(sync.verify('Virtual PCD 00 00')).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    expect(useStationStore.getState().verifyResults).toEqual({});
  });
});
