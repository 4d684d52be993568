// `station fill` and `station verify` in-process through a private pcscd with two emulated chips,
// on a data directory set up like a real line (operators, the KMC loaded by ceremony) and the
// seeded FIFO QRNG as STATION_ENTROPY. fill fills both chips (JSON lines), or only the named
// reader's; Ctrl-C and the timeout close the batch; verify proves a filled chip genuine, a blank
// one not filled, and gives up on an empty reader; bad batch files and unknown readers are usage
// errors; a batch left open keeps the line shut. Nothing printed is a secret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchView, FillView, VerifyReport } from '../../shared/fill';
import { createReferenceChip, type ReferenceChip } from '../../sim/chip/applet/reference-chip';
import { startFifoEmulator, type StreamEmulator } from '../../sim/qrng/stream-emulator';
import { prepareLine, TEST_KMC } from '../../test/support/line-setup';
import { startPcscLab, type LabAttachedCard, type PcscLab } from '../../test/support/pcsc-lab';
import { STATION_PASSPHRASE } from '../../test/support/station-setup';
import { makeTempDir, startTempStation, TEST_SCRYPT } from '../../test/support/temp-station';
import { PcscReaderService } from '../chips/transport/pcsc/pcsc-reader-service';
import { selectProvider } from '../crypto/select-provider';
import { SIMULATION_ENTROPY } from '../entropy/entropy-config';
import { silentLogger } from '../log';
import { createStation } from '../station';
import { createFillCommand } from './fill-command';
import { UsageError } from './selftest-command';
import { createVerifyCommand } from './verify-command';

const provider = selectProvider();
const OLGA_PASSWORD = 'olga-password-1';
let lab: PcscLab;
let qrng: StreamEmulator;
let dataDir: string;
let files: string;
const cards: LabAttachedCard[] = [];
let interrupt: (() => void) | null = null;
/** A chip that stored slot 3 wrongly: its fill fails, so a batch on its reader never completes. */
const LIAR = '00000000000000e5';

const deps = {
  createStation: (options: Parameters<typeof createStation>[0]) =>
    createStation({ ...options, scrypt: TEST_SCRYPT }),
  onInterrupt: (listener: (signal: 'SIGINT') => void) => {
    interrupt = () => listener('SIGINT');
    return () => (interrupt = null);
  },
};

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function file(name: string, content: string): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

function batch(chips: number): string {
  return file(`batch-${chips}.json`, JSON.stringify({ workOrder: `WO-${chips}`, chips, poolSize: 16 }));
}

async function run(
  command: 'fill' | 'verify',
  args: string[],
  onOut: (out: string) => void = () => {},
): Promise<Run> {
  let out = '';
  let err = '';
  const create = command === 'fill' ? createFillCommand : createVerifyCommand;
  const code = await create({ ...deps, err: (text) => (err += text) })(
    [
      ...args,
      ...['--operator', 'olga', '--data-dir', dataDir],
      ...['--password-file', file('olga.pw', `${OLGA_PASSWORD}\n`)],
    ],
    {
      out: (text) => {
        out += text;
        onOut(out);
      },
      env: {
        STATION_PASSPHRASE,
        STATION_ENTROPY: JSON.stringify({ kind: 'stream', path: qrng.path, checkAttempts: 5 }),
      },
    },
  );
  for (const secret of [OLGA_PASSWORD, STATION_PASSPHRASE]) expect(out + err).not.toContain(secret);
  return { code, out, err };
}

function chip(serial: string, lieAboutKey?: number): ReferenceChip {
  return createReferenceChip({
    provider,
    serial,
    personalisation: { kmc: TEST_KMC },
    capacity: 64,
    ...(lieAboutKey === undefined ? {} : { faults: { lieAboutKey } }),
  });
}

/** Waits until pcscd reports every reader empty (it sees a pulled vpcd card about 0.3 s later). */
async function untilNoCards(): Promise<void> {
  const service = await PcscReaderService.start();
  try {
    for (let i = 0; i < 100 && service.cards().length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await service.close();
  }
}

async function insertFresh(...serials: string[]): Promise<ReferenceChip[]> {
  for (const card of cards.splice(0)) await card.detach();
  const chips = serials.map((serial) => chip(serial, serial === LIAR ? 3 : undefined));
  for (const [slot, c] of chips.entries()) cards.push(await lab.attach(slot, c));
  return chips;
}

beforeAll(async () => {
  lab = await startPcscLab({ slots: 2 });
  qrng = await startFifoEmulator({ seed: 'line-commands' });
  dataDir = makeTempDir();
  files = mkdtempSync(join(tmpdir(), 'station-line-files-'));
  const temp = await startTempStation({ dataDir });
  (await prepareLine(temp, provider)).close();
  await temp.close();
}, 120_000);

afterAll(async () => {
  for (const card of cards) await card.detach();
  await qrng.stop();
  await lab.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('station fill and station verify', () => {
  let filled: ReferenceChip[];
  let blank: ReferenceChip;

  it('fills both chips, printing one JSON line per fill and the summary', async () => {
    filled = await insertFresh('00000000000000a1', '00000000000000b2');
    const { code, out } = await run('fill', ['--batch', batch(2), '--json']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const fills = lines.slice(0, 2).map((line) => FillView.parse(JSON.parse(line)));
    expect(fills.map((f) => [f.reader, f.serial, f.state, f.keysWritten]).sort()).toEqual([
      [lab.readers[0], '00000000000000a1', 'done', 16],
      [lab.readers[1], '00000000000000b2', 'done', 16],
    ]);
    const summary = JSON.parse(lines[2] ?? '') as { batch: unknown; fills: unknown[] };
    expect(BatchView.parse(summary.batch)).toMatchObject({ state: 'complete', filled: 2, authorised: 2 });
    expect(summary.fills).toEqual(fills);
    expect(filled.map((c) => c.state().lifecycle)).toEqual(['locked', 'locked']);
  });

  it('verifies a filled chip as genuine', async () => {
    const { code, out } = await run('verify', ['--reader', lab.readers[1] ?? '']);
    expect(code).toBe(0);
    expect(out).toContain('Chip:       00000000000000b2 (locked)');
    expect(out).toMatch(/Binding: +batch B-\w+, work order WO-2, bound .* by olga, 16 keys/);
    expect(out).toContain('Verdict:    GENUINE');
  });

  it('fills only on the readers named with --readers', async () => {
    const [onFirst, onSecond] = await insertFresh('00000000000000c3', '00000000000000d4');
    blank = onSecond!;
    const { code, out } = await run('fill', ['--batch', batch(1), '--readers', lab.readers[0] ?? '']);
    expect(code).toBe(0);
    const [fillLine, summary, ...rest] = out.split('\n');
    expect(fillLine).toBe(`${lab.readers[0]}  00000000000000c3  filled, 16 keys`);
    expect(summary).toMatch(
      /^Batch B-\w+ \(work order WO-1\): complete; 1 of 1 filled, 0 failed, 0 refused$/,
    );
    expect(rest).toEqual(['']);
    expect(onFirst?.state().lifecycle).toBe('locked');
    expect(blank.state().lifecycle).toBe('blank');
  });

  it('verifies a blank chip as not filled', async () => {
    const { code, out } = await run('verify', ['--reader', lab.readers[1] ?? '', '--json']);
    expect(code).toBe(1);
    expect(VerifyReport.parse(JSON.parse(out))).toMatchObject({
      serial: '00000000000000d4',
      verdict: 'not-filled',
      binding: null,
    });
    expect(blank.state().lifecycle).toBe('blank');
  });

  it('closes the batch on Ctrl-C (exit 130) and at the timeout (exit 1)', async () => {
    // The first reader's chip lies about a key: its fill fails, so the batch never completes.
    await insertFresh(LIAR);
    const interrupted = await run('fill', ['--batch', batch(3), '--readers', lab.readers[0] ?? ''], (out) => {
      if (out.includes('FAILED')) interrupt?.();
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.out).toMatch(/00000000000000e5 {2}FAILED [A-Z_]+: /);
    expect(interrupted.out).toMatch(/: closed; 0 of 3 filled/);
    expect(interrupted.err).toMatch(/interrupted: closing batch B-\w+/);

    const timedOut = await run('fill', [
      '--batch',
      batch(3),
      '--readers',
      lab.readers[0] ?? '',
      '--timeout',
      '1',
    ]);
    expect(timedOut.code).toBe(1);
    expect(timedOut.out).toMatch(/: closed; 0 of 3 filled/);
    expect(timedOut.err).toMatch(/timed out: closing batch B-\w+/);
  });

  it('gives up on an empty reader after --wait (exit 2)', async () => {
    for (const card of cards.splice(0)) await card.detach();
    await untilNoCards();
    const { code, err } = await run('verify', ['--reader', lab.readers[0] ?? '', '--wait', '0.3']);
    expect(code).toBe(2);
    expect(err).toContain(`station verify: no card to verify in "${lab.readers[0]}" after 0.3 s`);
  });

  it('refuses an unknown reader, listing those pcscd reports', async () => {
    const refused = run('fill', ['--batch', batch(1), '--readers', `${lab.readers[0]},Nobody's reader`]);
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(
      `fill: no reader named "Nobody's reader"; pcscd reports: "${lab.readers[0]}", "${lab.readers[1]}"`,
    );
  });

  it('refuses a batch file that is not a work order, naming the field', async () => {
    const bad = file('bad.json', JSON.stringify({ workOrder: 'WO-X', chips: 'two', poolSize: 16 }));
    const error = await run('fill', ['--batch', bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`fill: the batch file ${bad} is not a work order`);
    expect((error as Error).message).toMatch(/: chips: Invalid input: expected number/);
  });

  it('refuses to open a line while a batch is left open', async () => {
    const station = await deps.createStation({
      config: { dataDir },
      hostKind: 'cli',
      logger: silentLogger,
      entropy: SIMULATION_ENTROPY,
    });
    const connection = { sessionId: null };
    expect(await station.unlockWithPassphrase(STATION_PASSPHRASE)).toBe(true);
    await station.dispatch(connection, 'auth.login', { username: 'olga', password: OLGA_PASSWORD });
    const left = await station.dispatch(connection, 'fill.startBatch', {
      workOrder: 'WO-LEFT',
      chips: 1,
      poolSize: 16,
    });
    expect(left).toMatchObject({ ok: true });
    station.close();
    const { code, err } = await run('fill', ['--batch', batch(1)]);
    expect(code).toBe(2);
    expect(err).toMatch(/station fill: batch B-\w+ \(work order WO-LEFT\) is still open/);
  });
});
