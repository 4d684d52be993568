// The ceremony sync: read on demand, then kept current by ceremony.changed events.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CeremonyState } from '../../shared/ceremony';
import { createStationClient } from '../client/station-client';
import { FakeTransport } from '../test-support/fake-transport';
import { startCeremonySync } from './ceremony-sync';
import { resetStationStore, useStationStore } from './station-store';

const ceremony: CeremonyState = {
  id: 'c-1',
  purpose: 'kmc',
  componentsRequired: 2,
  startedAt: '2025-01-01T08:00:00.000Z',
  startedBy: 'alice',
  components: [],
  state: 'collecting',
  combinedKcv: null,
};

beforeEach(() => {
  resetStationStore();
});

describe('startCeremonySync', () => {
  it('reads the ceremony, then follows its events', async () => {
    const transport = new FakeTransport(() =>
      Promise.resolve({ ok: true, value: { ceremony, issuerKey: null } }),
    );
    const sync = startCeremonySync(createStationClient(transport), useStationStore);
    await sync.load();
    expect(useStationStore.getState().ceremony).toEqual(ceremony);
    const next = {
      ...ceremony,
      components: [{ custodian: 'alice', kcv: 'a1b2c3', at: '2025-01-01T08:01:00.000Z' }],
    };
    transport.emit('ceremony.changed', next);
    expect(useStationStore.getState().ceremony).toEqual(next);
    sync.stop();
    transport.emit('ceremony.changed', { ...ceremony, state: 'cancelled' });
    expect(useStationStore.getState().ceremony).toEqual(next);
  });
});
