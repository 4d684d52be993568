// The entropy sync: read on connect and reconnect, sources replaced by id from entropy.changed.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntropySourceView } from '../../shared/entropy';
import { createStationClient } from '../client/station-client';
import { FakeTransport } from '../test-support/fake-transport';
import { withSource } from './entropy-slice';
import { startEntropySync } from './entropy-sync';
import { resetStationStore, useStationStore } from './station-store';

const margin = { cutoff: 40, observed: 2, fraction: 0.05 };
const source: EntropySourceView = {
  id: 'sim',
  kind: 'simulation',
  name: 'Simulation',
  simulated: true,
  deviceState: 'ready',
  deviceDetail: null,
  bytesPerSecond: 125_000,
  poolState: 'ready',
  failure: null,
  availableBytes: 4096,
  health: { state: 'healthy', samples: 1000, repetitionCount: margin, adaptiveProportion: margin },
  powerOn: null,
  periodic: null,
  draws: { passed: 3, failed: 0 },
  history: [],
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  resetStationStore();
});

describe('withSource', () => {
  it('replaces by id, or adds a new source at the end', () => {
    const other = { ...source, id: 'qrng', simulated: false };
    const failed = { ...source, poolState: 'failed' as const };
    expect(withSource(null, source)).toEqual([source]);
    expect(withSource([source, other], failed)).toEqual([failed, other]);
    expect(withSource([other], source)).toEqual([other, source]);
  });
});

describe('startEntropySync', () => {
  it('reads on connect and reconnect, then follows entropy.changed', async () => {
    const transport = new FakeTransport(() => Promise.resolve({ ok: true, value: { sources: [source] } }));
    const sync = startEntropySync(createStationClient(transport), useStationStore);
    await flush();
    expect(useStationStore.getState().entropySources).toEqual([source]);
    const failed = {
      ...source,
      poolState: 'failed' as const,
      failure: { reason: 'rct', message: 'RCT failed' },
    };
    transport.emit('entropy.changed', failed);
    expect(useStationStore.getState().entropySources).toEqual([failed]);
    transport.setConnection('reconnecting');
    transport.setConnection('connected');
    await flush();
    expect(transport.calls.filter((c) => c.method === 'entropy.status')).toHaveLength(2);
    expect(useStationStore.getState().entropySources).toEqual([source]);
    sync.stop();
    transport.emit('entropy.changed', failed);
    expect(useStationStore.getState().entropySources).toEqual([source]);
  });

  it('keeps a refusal in the store', async () => {
    const transport = new FakeTransport(() =>
      Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'boom' } }),
    );
    startEntropySync(createStationClient(transport), useStationStore);
    await flush();
    expect(useStationStore.getState().entropyError?.code).toBe('INTERNAL');
    expect(useStationStore.getState().entropyLoading).toBe(false);
  });
});
