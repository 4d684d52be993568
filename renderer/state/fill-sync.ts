// Keeps the store's fill line in step with the station. fill.status needs a signed-in operator, so
// it is read when the connection comes up with someone signed in, whenever a (different) operator
// signs in, and when the Fill, Verify or Devices screen opens; every fill.changed event replaces it
// whole. A read that was overtaken by an event is dropped, so an older answer never undoes a newer
// push. The actions (start and close a batch, authorise a re-fill, verify a chip) throw the
// station's refusal as an ApiError for the form to word; their answers are written into the store
// at once, ahead of the event that follows them. Verify reports are dropped when the operator
// changes: they belong to whoever asked for them.
import type { StoreApi } from 'zustand';
import type { MethodInput } from '../../shared/contract';
import type { BatchView, VerifyReport } from '../../shared/fill';
import { toErrorData } from '../client/error-data';
import type { StationClient } from '../client/station-client';
import { withBatch, withRefillAuthorised } from './fill-slice';
import type { StationState } from './station-store';

export interface FillSync {
  /** Reads the fill line; a refusal is kept in the store (fillError), never thrown. */
  load(): Promise<void>;
  startBatch(order: MethodInput<'fill.startBatch'>): Promise<BatchView>;
  closeBatch(batchId: string): Promise<BatchView>;
  authoriseRefill(serial: string, reason: string): Promise<void>;
  /** Verifies the chip in a reader; the report is kept per reader (verifyResults). */
  verify(reader: string): Promise<VerifyReport>;
  stop(): void;
}

export interface FillSyncOptions {
  readonly now?: () => Date;
}

export function startFillSync(
  client: StationClient,
  store: StoreApi<StationState>,
  options: FillSyncOptions = {},
): FillSync {
  const now = options.now ?? (() => new Date());
  /** Counts fill.changed events, so a read can tell that a push overtook it. */
  let pushes = 0;

  const operatorId = (s: StationState): number | null => s.session?.operator?.id ?? null;

  async function load(): Promise<void> {
    const seen = pushes;
    store.setState({ fillLoading: true });
    try {
      const status = await client.call('fill.status', {});
      if (pushes === seen) store.setState({ fillStatus: status, fillLoading: false, fillError: null });
      else store.setState({ fillLoading: false, fillError: null });
    } catch (error) {
      store.setState({ fillLoading: false, fillError: toErrorData(error) });
    }
  }

  async function startBatch(order: MethodInput<'fill.startBatch'>): Promise<BatchView> {
    const batch = await client.call('fill.startBatch', order);
    store.setState((s) => ({ fillStatus: withBatch(s.fillStatus, batch, true) }));
    return batch;
  }

  async function closeBatch(batchId: string): Promise<BatchView> {
    const batch = await client.call('fill.closeBatch', { batchId });
    store.setState((s) => ({ fillStatus: withBatch(s.fillStatus, batch, false) }));
    return batch;
  }

  async function authoriseRefill(serial: string, reason: string): Promise<void> {
    await client.call('fill.authoriseRefill', { serial, reason });
    store.setState((s) => ({ fillStatus: withRefillAuthorised(s.fillStatus, serial) }));
  }

  async function verify(reader: string): Promise<VerifyReport> {
    const report = await client.call('verify.chip', { reader });
    const checkedAt = now().toISOString();
    store.setState((s) => ({ verifyResults: { ...s.verifyResults, [reader]: { report, checkedAt } } }));
    return report;
  }

  const unsubscribes = [
    client.on('fill.changed', (status) => {
      pushes += 1;
      store.setState({ fillStatus: status, fillError: null });
    }),
    client.onConnectionChange((connection) => {
      if (connection === 'connected' && operatorId(store.getState()) !== null) void load();
    }),
    store.subscribe((state, previous) => {
      const id = operatorId(state);
      if (id === operatorId(previous)) return;
      // Verify reports belong to whoever asked for them.
      if (Object.keys(state.verifyResults).length > 0) store.setState({ verifyResults: {} });
      if (id !== null && client.connection === 'connected') void load();
    }),
  ];
  if (client.connection === 'connected' && operatorId(store.getState()) !== null) void load();

  return {
    load,
    startBatch,
    closeBatch,
    authoriseRefill,
    verify,
    stop: () => unsubscribes.forEach((unsubscribe) => unsubscribe()),
  };
}
