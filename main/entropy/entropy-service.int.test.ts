// The entropy service on a real FIFO fed by the stream emulator: it starts (start-up test and the
// real GM/T 0062 power-on check), issues keys, stops issuing when the device gets stuck (found by
// idle monitoring, no key asked), and only an acknowledgement after a repair brings it back.
import { afterEach, describe, expect, it } from 'vitest';
import { startFifoEmulator, type StreamEmulator } from '../../sim/qrng/stream-emulator';
import type { SampleCheckResult } from './checks/check-result';
import { parseEntropyConfig } from './entropy-config';
import { EntropyService } from './entropy-service';
import { EntropyUnavailableError } from './pool/entropy-unavailable-error';
import type { KeyPoolFailure } from './pool/key-pool';

let emulator: StreamEmulator | null = null;
let service: EntropyService | null = null;

afterEach(async () => {
  await service?.close();
  await emulator?.stop();
  service = null;
  emulator = null;
});

async function until(condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('EntropyService on a FIFO QRNG', () => {
  it('issues keys, stops on a stuck device, and recovers only through repair + acknowledgement', async () => {
    emulator = await startFifoEmulator({ seed: 'entropy-service' });
    const config = parseEntropyConfig(
      JSON.stringify({ kind: 'stream', path: emulator.path, checkAttempts: 5 }),
      null,
    );
    if (!config) throw new Error('config expected');
    const ready: SampleCheckResult[] = [];
    const checked: SampleCheckResult[] = [];
    const failed: KeyPoolFailure[] = [];
    service = new EntropyService({
      id: 'qrng-0',
      config,
      monitorIntervalMs: 20,
      reporter: {
        ready: (r) => ready.push(r),
        checked: (r) => checked.push(r),
        failed: (f) => failed.push(f),
        changed: () => undefined,
      },
    });
    await service.start();
    expect(ready).toHaveLength(1);
    expect(ready[0]?.kind).toBe('power-on');
    expect(checked.at(-1)?.pass).toBe(true);
    const key = await service.takeKey();
    expect(key.origin).toEqual({ source: 'stream', simulated: false });
    expect(service.view()).toMatchObject({ poolState: 'ready', simulated: false, failure: null });

    emulator.stuck(0x5a);
    await until(() => failed.length > 0);
    expect(failed[0]?.reason).toBe('health-failed');
    await expect(service.takeKey(100)).rejects.toBeInstanceOf(EntropyUnavailableError);
    expect(service.view()).toMatchObject({ poolState: 'failed', availableBytes: 0 });

    await emulator.repair();
    service.acknowledge();
    await service.settled();
    expect(ready).toHaveLength(2);
    expect(service.view().poolState).toBe('ready');
    expect((await service.takeKey()).destroyed).toBe(false);
  });

  it('reports an absent device without throwing, and tries again on acknowledgement', async () => {
    const config = parseEntropyConfig(JSON.stringify({ kind: 'stream', path: '/nonexistent/hwrng' }), null);
    if (!config) throw new Error('config expected');
    const failed: KeyPoolFailure[] = [];
    service = new EntropyService({
      id: 'qrng-0',
      config,
      reporter: {
        ready: () => undefined,
        checked: () => undefined,
        failed: (f) => failed.push(f),
        changed: () => undefined,
      },
    });
    await service.start();
    expect(failed.map((f) => f.reason)).toEqual(['source-failed']);
    expect(service.view()).toMatchObject({ deviceState: 'failed', poolState: 'failed' });
    await expect(service.takeKey(50)).rejects.toThrow(/hwrng|ENOENT|open/);
    service.acknowledge();
    await service.settled();
    expect(failed).toHaveLength(2);
  });
});
