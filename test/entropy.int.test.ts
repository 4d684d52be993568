// The station's entropy source end to end through the web host: it starts once the station is
// unlocked, a stuck device raises ENTROPY_FAILED (audited; key issue refused, other work goes on),
// only a supervisor or security officer may acknowledge, and the acknowledgement after a repair
// runs fresh checks that clear the alarm. The view sent to clients never carries random bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { parseEntropyConfig } from '../main/entropy/entropy-config';
import { startFifoEmulator, type StreamEmulator } from '../sim/qrng/stream-emulator';
import { startTempStation, type TempStation } from './support/temp-station';
import { setUpStation } from './support/station-setup';
import { openBridge, type Bridge } from './support/ws-client';

let temp: TempStation | null = null;
let emulator: StreamEmulator | null = null;

afterEach(async () => {
  await temp?.close();
  await emulator?.stop();
  temp = null;
  emulator = null;
});

async function view(bridge: Bridge): Promise<Record<string, unknown>> {
  const result = await bridge.call('entropy.status', {});
  if (!result.ok) throw new Error(JSON.stringify(result));
  const { sources } = result.value as { sources: Record<string, unknown>[] };
  const [source] = sources;
  if (!source) throw new Error('no entropy source');
  return source;
}

async function until(what: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function auditTypes(bridge: Bridge): Promise<string[]> {
  const page = await bridge.call('audit.query', { filter: {}, limit: 500 });
  if (!page.ok) throw new Error(JSON.stringify(page));
  return (page.value as { entries: { type: string }[] }).entries.map((e) => e.type).reverse();
}

describe('entropy through the station', () => {
  it('fails closed on a stuck device and recovers through acknowledgement', async () => {
    emulator = await startFifoEmulator({ seed: 'station-entropy' });
    const entropy = parseEntropyConfig(
      JSON.stringify({ kind: 'stream', path: emulator.path, checkAttempts: 5 }),
      null,
    );
    temp = await startTempStation({ ...(entropy ? { entropy } : {}) });
    let changes = 0;
    temp.station.events.subscribe((event) => {
      if (event === 'entropy.changed') changes++;
    });
    const officer = await openBridge(temp.host);
    const anonymous = await openBridge(temp.host);
    await setUpStation(officer);
    await until(async () => (await view(anonymous)).poolState === 'ready');
    const station = temp.station;
    expect((await station.entropy!.takeKey()).origin.simulated).toBe(false);

    emulator.stuck(0);
    await until(async () => (await view(anonymous)).poolState === 'failed');
    expect(station.status().alarms.map((a) => a.code)).toEqual(['ENTROPY_FAILED']);
    expect(station.status().state).toBe('ready');
    await expect(station.entropy!.takeKey(100)).rejects.toThrow();
    expect(await view(anonymous)).toMatchObject({
      failure: { reason: 'health-failed' },
      availableBytes: 0,
    });

    const refused = await anonymous.call('entropy.acknowledge', { sourceId: 'qrng-0' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const unknown = await officer.call('entropy.acknowledge', { sourceId: 'qrng-9' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await emulator.repair();
    const acknowledged = await officer.call('entropy.acknowledge', { sourceId: 'qrng-0' });
    expect(acknowledged).toMatchObject({ ok: true });
    await until(async () => (await view(anonymous)).poolState === 'ready');
    expect(station.status().alarms).toEqual([]);
    const again = await officer.call('entropy.acknowledge', { sourceId: 'qrng-0' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const types = await auditTypes(officer);
    const failedAt = types.indexOf('entropy.failed');
    expect(types.indexOf('entropy.started')).toBeLessThan(failedAt);
    expect(types.indexOf('alarm.raised')).toBeGreaterThan(failedAt);
    expect(types.lastIndexOf('entropy.acknowledged')).toBeGreaterThan(failedAt);
    expect(types.lastIndexOf('alarm.cleared')).toBeGreaterThan(types.lastIndexOf('entropy.acknowledged'));
    expect(types.filter((t) => t === 'entropy.checkCompleted').length).toBeGreaterThanOrEqual(2);

    expect(changes).toBeGreaterThan(3);
    officer.close();
    anonymous.close();
  });
});
