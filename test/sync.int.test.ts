// Bindings reach the key service: chips filled through the real PC/SC stack (private pcscd, vpcd,
// emulated chips) are synced by the outbox worker to a real PyKMIP server over mutual TLS, and
// PyKMIP's own python client reads back exactly each chip's keys. While the server is down the
// line keeps filling and the outbox grows; it drains when the server is back, also across a
// station restart, without duplicates. A chip the server already holds other keys for is a
// conflict: alarm, audit, and that chip is never synced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscReaderService } from '../main/chips/transport/pcsc/pcsc-reader-service';
import { bytesToHex } from '../main/crypto/bytes';
import { selectProvider } from '../main/crypto/select-provider';
import { parseEntropyConfig } from '../main/entropy/entropy-config';
import { KmipClient } from '../main/sync/kmip/kmip-client';
import { chipObjectGroup } from '../main/sync/kmip/chip-key-naming';
import { KmipConnector } from '../main/sync/kmip/kmip-connector';
import type { SyncStatus } from '../shared/sync';
import { createReferenceChip, type ReferenceChip } from '../sim/chip/applet/reference-chip';
import { startFifoEmulator, type StreamEmulator } from '../sim/qrng/stream-emulator';
import { makeBinding } from './support/chip-binding';
import { prepareLine, TEST_KMC, untilLine, type LineBridges } from './support/line-setup';
import { startPcscLab, type LabAttachedCard, type PcscLab } from './support/pcsc-lab';
import { readWithPyKmip, startPyKmipServer, type PyKmipServer } from './support/pykmip-server';
import { STATION_PASSPHRASE, signIn } from './support/station-setup';
import { makeTempDir, startTempStation, type TempStation } from './support/temp-station';
import { openBridge, type Bridge } from './support/ws-client';

const provider = selectProvider();
const POOL = 16;
let lab: PcscLab;
let qrng: StreamEmulator;
let kmip: PyKmipServer;
let dataDir: string;
let temp: TempStation;
let line: LineBridges;
const cards: LabAttachedCard[] = [];

function chip(serial: string): ReferenceChip {
  return createReferenceChip({ provider, serial, personalisation: { kmc: TEST_KMC }, capacity: 64 });
}

function station(): Promise<TempStation> {
  const entropy = parseEntropyConfig(
    JSON.stringify({ kind: 'stream', path: qrng.path, checkAttempts: 5 }),
    null,
  );
  return startTempStation({
    dataDir,
    ...(entropy ? { entropy } : {}),
    readers: { kind: 'pcsc', connect: () => PcscReaderService.start() },
    keyService: (p) => new KmipConnector({ client: new KmipClient(kmip.clientOptions()), provider: p }),
  });
}

async function syncStatus(bridge: Bridge): Promise<SyncStatus> {
  const result = await bridge.call('sync.status', {});
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value as SyncStatus;
}

async function untilSync(
  bridge: Bridge,
  condition: (s: SyncStatus) => boolean,
  ms = 60_000,
): Promise<SyncStatus> {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = await syncStatus(bridge);
    if (condition(status)) return status;
    if (Date.now() > deadline) throw new Error(`sync condition not reached: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Fills one chip per reader in a new batch and waits until both are bound. */
async function fillTwo(workOrder: string, serials: readonly [string, string]): Promise<ReferenceChip[]> {
  for (const card of cards.splice(0)) await card.detach();
  await untilLine(line.operator, (s) => s.readers.every((r) => r.card === null && !r.busy));
  expect(await line.operator.call('fill.startBatch', { workOrder, chips: 2, poolSize: POOL })).toMatchObject({
    ok: true,
  });
  const chips = serials.map(chip);
  cards.push(await lab.attach(0, chips[0]!), await lab.attach(1, chips[1]!));
  await untilLine(line.operator, (s) => s.batch?.workOrder === workOrder && s.batch.filled === 2);
  return chips;
}

/** The keys PyKMIP holds for a chip, by slot, read with PyKMIP's own client. */
async function keysOnServer(serial: string): Promise<Map<number, string>> {
  const group = chipObjectGroup(serial);
  const located = await readWithPyKmip(kmip, { groups: [group] });
  const ids = located.byGroup[group] ?? [];
  const read = await readWithPyKmip(kmip, { get: ids, attributes: true });
  const keys = new Map<number, string>();
  for (const object of Object.values(read.objects)) {
    const name = object.names.find((n) => n.startsWith(`chip:${serial}:key:`));
    if (name) keys.set(Number(name.split(':').at(-1)), object.key.toLowerCase());
  }
  expect(keys.size).toBe(ids.length);
  return keys;
}

async function expectOnServer(c: ReferenceChip): Promise<void> {
  const serial = c.state().serial;
  const held = await keysOnServer(serial);
  expect(held.size).toBe(POOL);
  for (let i = 0; i < POOL; i++) expect(held.get(i)).toBe(bytesToHex(c.storedKey(i)!));
}

beforeAll(async () => {
  lab = await startPcscLab({ slots: 2 });
  qrng = await startFifoEmulator({ seed: 'sync' });
  kmip = await startPyKmipServer();
  dataDir = makeTempDir();
  temp = await station();
  line = await prepareLine(temp, provider);
  await untilLine(line.operator, (s) => s.transport.available && s.readers.length === 2);
  await temp.station.entropy?.settled();
}, 180_000);

afterAll(async () => {
  line.close();
  for (const card of cards) await card.detach().catch(() => undefined);
  await temp.close();
  await kmip.dispose();
  await qrng.stop();
  await lab.stop();
});

describe('sync to PyKMIP', () => {
  it('syncs a filled batch: PyKMIP holds each chip key under its identity', async () => {
    const chips = await fillTwo('WO-S1', ['00000000000005a1', '00000000000005a2']);
    const status = await untilSync(line.operator, (s) => s.synced === 2);
    expect(status).toMatchObject({ pending: 0, conflicts: [], lastError: null });
    for (const c of chips) await expectOnServer(c);
    const fills = await untilLine(
      line.operator,
      (s) => s.fills.filter((f) => f.sync === 'synced').length >= 2,
    );
    expect(fills.fills.filter((f) => f.state === 'done').every((f) => f.sync === 'synced')).toBe(true);
  });

  it('keeps filling while the server is down, and drains after it returns and the station restarts', async () => {
    await kmip.stop();
    const chips = await fillTwo('WO-S2', ['00000000000005b1', '00000000000005b2']);
    const waiting = await untilSync(line.operator, (s) => s.pending === 2 && s.lastError !== null);
    expect(waiting.synced).toBe(2);

    line.close();
    await temp.close();
    await kmip.start();
    temp = await station();
    expect(await temp.station.unlockWithPassphrase(STATION_PASSPHRASE)).toBe(true);
    const operator = await openBridge(temp.host);
    await signIn(operator, 'olga', 'olga-password-1');
    const supervisor = await openBridge(temp.host);
    await signIn(supervisor, 'sam', 'sam-password-1');
    line = {
      officer: operator,
      operator,
      supervisor,
      close: () => {
        operator.close();
        supervisor.close();
      },
    };
    await line.operator.call('sync.retryNow', {});
    await untilSync(line.operator, (s) => s.synced === 4 && s.pending === 0);
    for (const c of chips) await expectOnServer(c);
  });

  it('stops a chip the server holds other keys for, with an alarm', async () => {
    const client = new KmipClient(kmip.clientOptions());
    const rogue = new KmipConnector({ client, provider });
    await rogue.pushBinding(makeBinding(provider, '00000000000005c1', POOL));
    await rogue.close();
    await untilLine(line.operator, (s) => s.transport.available && s.readers.length === 2);
    await temp.station.entropy?.settled();
    await fillTwo('WO-S3', ['00000000000005c1', '00000000000005c2']);
    const status = await untilSync(line.operator, (s) => s.conflicts.length === 1 && s.synced === 5);
    expect(status.conflicts).toEqual(['00000000000005c1']);
    expect(temp.station.status().alarms.map((a) => `${a.code}:${a.subject ?? ''}`)).toContain(
      'SYNC_CONFLICT:00000000000005c1',
    );
    expect((await keysOnServer('00000000000005c1')).size).toBe(POOL);
  });
});
