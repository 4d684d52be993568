// A station killed (SIGKILL) in the middle of PUT KEYS, through the real PC/SC stack: after the
// restart the interrupted fill is found, and when its chip is (still) in the reader it is finished
// from the journalled keys — re-sent, proved, locked and bound — never dropped or duplicated.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { PcscReaderService } from '../main/chips/transport/pcsc/pcsc-reader-service';
import { selectProvider } from '../main/crypto/select-provider';
import { parseEntropyConfig } from '../main/entropy/entropy-config';
import { createReferenceChip } from '../sim/chip/applet/reference-chip';
import { startFifoEmulator } from '../sim/qrng/stream-emulator';
import { prepareLine, TEST_KMC, untilLine } from './support/line-setup';
import { startPcscLab } from './support/pcsc-lab';
import { STATION_PASSPHRASE } from './support/station-setup';
import { makeTempDir, startTempStation } from './support/temp-station';
import { openBridge } from './support/ws-client';
import { signIn } from './support/station-setup';

const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const CHILD = fileURLToPath(new URL('./support/fill-station-child.ts', import.meta.url));
const provider = selectProvider();
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('finishes a fill killed during PUT KEYS once the station is back', async () => {
  const lab = await startPcscLab({ slots: 2 });
  cleanups.push(() => lab.stop());
  const qrng = await startFifoEmulator({ seed: 'fill-recovery' });
  cleanups.push(() => qrng.stop());
  const dataDir = makeTempDir();
  const entropy = parseEntropyConfig(
    JSON.stringify({ kind: 'stream', path: qrng.path, checkAttempts: 5 }),
    null,
  );
  const readers = { kind: 'pcsc' as const, connect: () => PcscReaderService.start() };

  const first = await startTempStation({ dataDir, ...(entropy ? { entropy } : {}), readers });
  const line = await prepareLine(first, provider);
  await first.station.entropy?.settled();
  expect(
    await line.operator.call('fill.startBatch', { workOrder: 'WO-CRASH', chips: 1, poolSize: 48 }),
  ).toMatchObject({ ok: true });
  line.close();
  await first.close();

  const chip = createReferenceChip({
    provider,
    serial: '0000000000c0ffee',
    personalisation: { kmc: TEST_KMC },
    capacity: 64,
    maxCommandData: 255,
    faults: { slowMs: 400 },
  });
  const child = spawn(TSX, [CHILD, dataDir, qrng.path, STATION_PASSPHRASE], {
    env: { ...process.env, ...lab.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/fill put-keys running/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${out}`)));
    void lab.attach(0, chip);
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  expect(chip.state().lifecycle).not.toBe('locked');

  chip.setFaults({ slowMs: 0 });
  const second = await startTempStation({ dataDir, ...(entropy ? { entropy } : {}), readers });
  cleanups.push(() => second.close());
  expect(await second.station.unlockWithPassphrase(STATION_PASSPHRASE)).toBe(true);
  const operator = await openBridge(second.host);
  await signIn(operator, 'olga', 'olga-password-1');
  const status = await untilLine(operator, (s) =>
    s.fills.some((f) => f.serial === '0000000000c0ffee' && f.state === 'done'),
  );
  expect(status.fills.filter((f) => f.serial === '0000000000c0ffee')).toHaveLength(1);
  expect(status.recovering).toEqual([]);
  expect(chip.state().lifecycle).toBe('locked');
  await untilLine(operator, (s) => s.readers.every((r) => !r.busy));
  expect(await operator.call('verify.chip', { reader: lab.readers[0] })).toMatchObject({
    ok: true,
    value: { verdict: 'genuine', serial: '0000000000c0ffee' },
  });
  operator.close();
});
