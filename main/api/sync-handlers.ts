// Handlers for the sync of bindings to the key service: its status, an immediate retry of every
// pending binding, and a connection test of the configured service.
import type { Methods } from '../../shared/contract';
import type { OutboxWorker } from '../sync/outbox-worker';
import type { KeyServiceConnector } from '../sync/key-service-connector';
import type { Handlers } from './dispatcher';

export type SyncMethod = 'sync.status' | 'sync.retryNow' | 'sync.testConnection';

export function syncHandlers(d: {
  readonly worker: OutboxWorker;
  readonly connector: KeyServiceConnector | null;
}): Pick<Handlers<Methods>, SyncMethod> {
  return {
    'sync.status': () => d.worker.status(),
    'sync.retryNow': () => d.worker.retryNow(),
    'sync.testConnection': async () => {
      if (!d.connector)
        return { ok: false, detail: 'No key service is configured (STATION_KEY_SERVICE).', latencyMs: null };
      const health = await d.connector.health();
      return health.ok
        ? { ok: true, detail: health.detail, latencyMs: health.latencyMs }
        : { ok: false, detail: `${health.code}: ${health.detail}`, latencyMs: null };
    },
  };
}
