// The fill line end to end through the real PC/SC stack: a private pcscd with vpcd readers, the
// reference chip emulator attached as virtual cards, the station's web host. A batch fills chips on
// both readers in parallel, a chip beyond the work order's count is refused, a lying chip fails
// its proofs, a chip pulled during PUT KEYS fails and may be re-filled only once a supervisor
// authorises it; verify proves a filled chip against its binding. No key reaches the database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscReaderService } from '../main/chips/transport/pcsc/pcsc-reader-service';
import { selectProvider } from '../main/crypto/select-provider';
import { parseEntropyConfig } from '../main/entropy/entropy-config';
import { createReferenceChip, type ReferenceChip } from '../sim/chip/applet/reference-chip';
import { startFifoEmulator, type StreamEmulator } from '../sim/qrng/stream-emulator';
import type { FillView } from '../shared/fill';
import { prepareLine, TEST_KMC, untilLine, type LineBridges } from './support/line-setup';
import { startPcscLab, type LabAttachedCard, type PcscLab } from './support/pcsc-lab';
import { startTempStation, type TempStation } from './support/temp-station';

const provider = selectProvider();
let lab: PcscLab;
let qrng: StreamEmulator;
let temp: TempStation;
let line: LineBridges;

function chip(
  serial: string,
  faults: Parameters<typeof createReferenceChip>[0]['faults'] = {},
): ReferenceChip {
  return createReferenceChip({ provider, serial, personalisation: { kmc: TEST_KMC }, capacity: 256, faults });
}

/** Pulls every card and waits until the station has seen both readers empty. */
async function emptyReaders(cards: LabAttachedCard[]): Promise<void> {
  for (const card of cards.splice(0)) await card.detach();
  await untilLine(line.operator, (s) => s.readers.every((r) => r.card === null && !r.busy));
}

const done = (serial: string) => (f: FillView) => f.serial === serial && f.state !== 'running';

beforeAll(async () => {
  lab = await startPcscLab({ slots: 2 });
  qrng = await startFifoEmulator({ seed: 'fill-line' });
  const entropy = parseEntropyConfig(
    JSON.stringify({ kind: 'stream', path: qrng.path, checkAttempts: 5 }),
    null,
  );
  temp = await startTempStation({
    ...(entropy ? { entropy } : {}),
    readers: { kind: 'pcsc', connect: () => PcscReaderService.start() },
  });
  line = await prepareLine(temp, provider);
  await untilLine(line.operator, (s) => s.transport.available && s.readers.length === 2);
  await temp.station.entropy?.settled();
}, 120_000);

afterAll(async () => {
  line.close();
  await temp.close();
  await qrng.stop();
  await lab.stop();
});

describe('a batch through pcscd + vpcd', () => {
  const cards: LabAttachedCard[] = [];
  const filled: ReferenceChip[] = [];

  it('fills two chips in parallel, verifies them and refuses a third beyond the count', async () => {
    const started = await line.operator.call('fill.startBatch', {
      workOrder: 'WO-1',
      chips: 2,
      poolSize: 64,
    });
    expect(started).toMatchObject({ ok: true, value: { authorised: 2, simulated: false, state: 'open' } });
    const a = chip('00000000000000a1');
    const b = chip('00000000000000b2');
    filled.push(a, b);
    cards.push(await lab.attach(0, a), await lab.attach(1, b));
    const status = await untilLine(line.operator, (s) => s.batch?.filled === 2);
    expect(status.batch).toMatchObject({ state: 'complete', failed: 0, inProgress: 0 });
    expect(a.state().lifecycle).toBe('locked');
    expect(b.state().lifecycle).toBe('locked');
    expect(status.fills.filter((f) => f.state === 'done').map((f) => f.sync)).toEqual(['pending', 'pending']);

    await untilLine(line.operator, (s) => s.readers.every((r) => !r.busy));
    const verified = await line.operator.call('verify.chip', { reader: lab.readers[0] });
    expect(verified).toMatchObject({
      ok: true,
      value: { verdict: 'genuine', serial: '00000000000000a1', poolCheck: 'match', failedKeys: [] },
    });

    await emptyReaders(cards);
    cards.push(await lab.attach(0, chip('00000000000000c3')));
    const refused = await untilLine(line.operator, (s) => s.batch?.refused === 1);
    expect(refused.fills[0]).toMatchObject({
      serial: '00000000000000c3',
      failure: { code: 'OVERPRODUCTION' },
    });
    expect(refused.batch?.filled).toBe(2);
  });

  it('fails a lying chip and a pulled chip; a re-fill needs a supervisor', async () => {
    await emptyReaders(cards);
    await line.operator.call('fill.startBatch', { workOrder: 'WO-2', chips: 5, poolSize: 32 });
    const liar = chip('00000000000000d4', { lieAboutKey: 5 });
    const pulled = chip('00000000000000e5', { removeDuringCommand: { command: 'putKeys', occurrence: 1 } });
    filled.push(liar, pulled);
    cards.push(await lab.attach(0, liar), await lab.attach(1, pulled));
    const failed = await untilLine(
      line.operator,
      (s) => s.fills.some(done('00000000000000d4')) && s.fills.some(done('00000000000000e5')),
    );
    const byChip = (serial: string) => failed.fills.find((f) => f.serial === serial);
    expect(byChip('00000000000000d4')?.failure?.code).toMatch(/POOL_MISMATCH|KEY_PROOF_FAILED/);
    expect(byChip('00000000000000e5')).toMatchObject({ state: 'failed', failure: { code: 'CARD_REMOVED' } });

    await cards[1]!.remove();
    await untilLine(line.operator, (s) => s.readers[1]?.card === null);
    await cards[1]!.insert();
    const refused = await untilLine(line.operator, (s) =>
      s.fills.some(
        (f) => f.serial === '00000000000000e5' && f.failure?.code === 'REFILL_NEEDS_AUTHORISATION',
      ),
    );
    expect(refused.batch).toMatchObject({ refused: 0, filled: 0 });
    expect(
      await line.operator.call('fill.authoriseRefill', {
        serial: '00000000000000e5',
        reason: 'pulled during fill',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await line.supervisor.call('fill.authoriseRefill', {
        serial: '00000000000000e5',
        reason: 'pulled during fill',
      }),
    ).toMatchObject({ ok: true });
    await cards[1]!.remove();
    await untilLine(line.operator, (s) => s.readers[1]?.card === null);
    await cards[1]!.insert();
    await untilLine(line.operator, (s) =>
      s.fills.some((f) => f.serial === '00000000000000e5' && f.state === 'done'),
    );
    expect(pulled.state().lifecycle).toBe('locked');
    await untilLine(line.operator, (s) => s.readers.every((r) => !r.busy));
    const verified = await line.operator.call('verify.chip', { reader: lab.readers[1] });
    expect(verified).toMatchObject({ ok: true, value: { verdict: 'genuine' } });
  });

  it('fails a chip with a wrong R-MAC, a full memory or a foreign lock, and waits for a slow one', async () => {
    await emptyReaders(cards);
    await line.operator.call('fill.startBatch', { workOrder: 'WO-3', chips: 4, poolSize: 32 });
    const cases: [string, Parameters<typeof chip>[1], RegExp][] = [
      ['00000000000000f1', { wrongMac: true }, /SECURE_CHANNEL_FAILED/],
      ['00000000000000f2', { memoryFull: 8 }, /CHIP_MEMORY_FULL/],
      ['00000000000000f3', { alreadyLocked: true }, /CHIP_LOCKED/],
    ];
    for (const [serial, faults, code] of cases) {
      cards.push(await lab.attach(0, chip(serial, faults)));
      const status = await untilLine(line.operator, (s) => s.fills.some(done(serial)));
      const fill = status.fills.find((f) => f.serial === serial);
      expect(fill?.failure?.code).toMatch(code);
      await emptyReaders(cards);
    }
    const slow = chip('00000000000000f4', { slowMs: 150 });
    cards.push(await lab.attach(1, slow));
    const status = await untilLine(line.operator, (s) => s.fills.some(done('00000000000000f4')));
    expect(status.fills.find((f) => f.serial === '00000000000000f4')?.state).toBe('done');
    expect(slow.state().lifecycle).toBe('locked');
  });

  it('keeps no key and no KMC in the database file, failed fills and their traces included', () => {
    const files = ['station.db', 'station.db-wal'].map((name) => {
      try {
        return readFileSync(join(temp.dataDir, name));
      } catch {
        return Buffer.alloc(0);
      }
    });
    const secrets = [Buffer.from(TEST_KMC)];
    for (const c of filled) {
      for (let slot = 0; slot < 32; slot++) {
        const key = c.storedKey(slot);
        if (key) secrets.push(Buffer.from(key));
      }
    }
    expect(secrets.length).toBeGreaterThan(32);
    for (const file of files) for (const secret of secrets) expect(file.includes(secret)).toBe(false);
  });
});
