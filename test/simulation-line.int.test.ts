// The demo line's promise: with the simulation entropy source every batch, fill and binding is
// marked simulated, verify says so, and nothing of it reaches the key service: the outbox stays
// empty and the connector is never asked, even while configured. Chips are the reference emulator
// in the in-process readers the demo line uses.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { selectProvider } from '../main/crypto/select-provider';
import { SIMULATION_ENTROPY } from '../main/entropy/entropy-config';
import type { KeyServiceConnector } from '../main/sync/key-service-connector';
import { createReferenceChip } from '../sim/chip/applet/reference-chip';
import { InProcessReaders } from '../sim/chip/in-process-readers';
import { prepareLine, TEST_KMC, untilLine, type LineBridges } from './support/line-setup';
import { startTempStation, type TempStation } from './support/temp-station';

const provider = selectProvider();
const readers = new InProcessReaders(['Emulated 1', 'Emulated 2']);
const pushes: string[] = [];
const spy: KeyServiceConnector = {
  name: 'spy',
  pushBinding: (binding) => {
    pushes.push(binding.chipSerial);
    return Promise.resolve({
      chipSerial: binding.chipSerial,
      registered: binding.keys.length,
      alreadyPresent: 0,
    });
  },
  lookupBinding: () => Promise.resolve(null),
  health: () => Promise.resolve({ ok: true, latencyMs: 0, detail: 'spy' }),
  close: () => Promise.resolve(),
};
let temp: TempStation;
let line: LineBridges;

beforeAll(async () => {
  temp = await startTempStation({
    entropy: { ...SIMULATION_ENTROPY, checkAttempts: 5 },
    readers: { kind: 'in-process', connect: () => Promise.resolve(readers) },
    keyService: () => spy,
  });
  line = await prepareLine(temp, provider);
  await temp.station.entropy?.settled();
}, 120_000);

afterAll(async () => {
  line.close();
  await temp.close();
});

it('marks everything simulated and never syncs it', async () => {
  const started = await line.operator.call('fill.startBatch', {
    workOrder: 'DEMO-1',
    chips: 2,
    poolSize: 16,
  });
  expect(started).toMatchObject({ ok: true, value: { simulated: true } });
  readers.insert(
    0,
    createReferenceChip({ provider, serial: '00000000000d0001', personalisation: { kmc: TEST_KMC } }),
  );
  readers.insert(
    1,
    createReferenceChip({ provider, serial: '00000000000d0002', personalisation: { kmc: TEST_KMC } }),
  );
  const status = await untilLine(
    line.operator,
    (s) => s.batch?.filled === 2 && s.readers.every((r) => !r.busy),
  );
  expect(status.fills.filter((f) => f.state === 'done').map((f) => [f.simulated, f.sync])).toEqual([
    [true, 'simulated'],
    [true, 'simulated'],
  ]);
  const verified = await line.operator.call('verify.chip', { reader: 'Emulated 1' });
  expect(verified).toMatchObject({
    ok: true,
    value: { verdict: 'genuine', binding: { simulated: true, sync: 'simulated' } },
  });
  expect(await line.operator.call('sync.retryNow', {})).toMatchObject({
    ok: true,
    value: { pending: 0, synced: 0 },
  });
  await temp.station.sync?.idle();
  expect(pushes).toEqual([]);
});
