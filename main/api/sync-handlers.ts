// Handlers for the sync of bindings to the key service: its status, an immediate retry of every
// pending binding, a connection test, and the key service's settings (shown to supervisors and
// officers without the private key; changed by a security officer, audited).
import type { Methods } from '../../shared/contract';
import type { KeyServiceSettingsInput, KeyServiceSettingsView } from '../../shared/sync';
import type { OutboxWorker } from '../sync/outbox-worker';
import type { Handlers } from './dispatcher';
import { signedIn } from './handler-guards';

export type SyncMethod =
  'sync.status' | 'sync.retryNow' | 'sync.testConnection' | 'sync.settings' | 'sync.configure';

export function syncHandlers(d: {
  readonly worker: OutboxWorker;
  readonly settingsView: () => KeyServiceSettingsView;
  readonly configure: (input: KeyServiceSettingsInput, actor: string) => Promise<KeyServiceSettingsView>;
}): Pick<Handlers<Methods>, SyncMethod> {
  return {
    'sync.status': () => d.worker.status(),
    'sync.retryNow': () => d.worker.retryNow(),
    'sync.testConnection': async () => {
      const connector = d.worker.service;
      if (!connector) return { ok: false, detail: 'No key service is configured.', latencyMs: null };
      const health = await connector.health();
      return health.ok
        ? { ok: true, detail: health.detail, latencyMs: health.latencyMs }
        : { ok: false, detail: `${health.code}: ${health.detail}`, latencyMs: null };
    },
    'sync.settings': () => d.settingsView(),
    'sync.configure': (input, ctx) => d.configure(input, signedIn(ctx).username),
  };
}
