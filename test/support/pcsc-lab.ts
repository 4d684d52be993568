// A private, real pcscd for one test process, with vpcd readers for emulated cards.
//
// pcscd 1.9.9 always listens on /run/pcscd/pcscd.comm, while libpcsclite (what the `pcsclite`
// module loads) connects to $PCSCLITE_CSOCK_NAME, read once per process. So the lab runs pcscd in
// its own mount, network and pid namespaces (`unshare`, as root; `--map-root-user` otherwise) with
// this lab's folder bound on /run/pcscd: pcscd's socket is then <lab>/run/pcscd.comm on the host,
// and the test process (outside every namespace; unix sockets on the file system are not scoped by
// the network namespace) reaches it with PCSCLITE_CSOCK_NAME. In the lab's network namespace the
// vpcd ports (35963 + slot) never clash with another lab, and loopback gets `quickack 1` (without
// it each APDU waits ~40 ms for a delayed ACK, FACTS.md). Emulated cards attach three ways: a
// CardBehaviour in the test process (through the lab root's unix-socket relay to vpcd), a
// vpcd-chip-process, or Debian's vicc (both started inside the lab's namespaces).
//
// The lab root is pid 1 of the lab: stop() ends it, and if the test process dies its stdin closes
// and the root ends the lab; the kernel then kills every process left in the lab.
// One lab per process at a time; its socket path is the same for every lab of the process
// (<tmp>/pcsc-lab-<pid>), because libpcsclite keeps the first path it read.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardBehaviour } from '../../sim/chip/card-behaviour';
import type { ChipProcessConfig } from '../../sim/chip/chip-process-config';
import { VpcdAttachment } from '../../sim/chip/vpcd-attachment';
import { EventLog, exited, type ChipProcessEvent } from './child-events';
import {
  BASE_PORT,
  labDirFor,
  MAX_SLOTS,
  portOf,
  readerName,
  removeStaleLabDirs,
  viccPythonPath,
  writeReaderConf,
} from './pcsc-lab-files';

export type { ChipProcessEvent } from './child-events';
export { labDirFor } from './pcsc-lab-files';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ROOT_SCRIPT = join(REPO, 'test/support/pcsc-lab-root.ts');
const CHIP_PROCESS = join(REPO, 'sim/chip/vpcd-chip-process.ts');

export interface PcscLabOptions {
  /** Reader slots (default 2; pcscd shows an even number, the last one empty if odd). */
  readonly slots?: number;
  /** TCP quick ACKs on the lab's loopback (default true). */
  readonly quickack?: boolean;
  /** pcscd --debug into <lab>/pcscd.log (default false). */
  readonly debug?: boolean;
  /** Set PCSCLITE_CSOCK_NAME in this process (default true). */
  readonly applyToProcess?: boolean;
}

export interface LabCard {
  readonly slot: number;
  readonly reader: string;
  /** Puts the card (back) in its reader. */
  insert(): Promise<void>;
  /** Pulls the card out. */
  remove(): Promise<void>;
  /** Removes the card and frees what it used (its process). */
  detach(): Promise<void>;
}

export interface LabAttachedCard extends LabCard {
  readonly attachment: VpcdAttachment;
}

export interface LabChipProcess extends LabCard {
  readonly process: ChildProcess;
  readonly events: readonly ChipProcessEvent[];
  send(command: Readonly<Record<string, unknown>>): void;
  waitForEvent(
    predicate: (event: ChipProcessEvent) => boolean,
    timeoutMs?: number,
  ): Promise<ChipProcessEvent>;
}

export interface ViccOptions {
  /** vicc card type (default iso7816). */
  readonly type?: string;
  readonly args?: readonly string[];
}

export interface PcscLab {
  readonly dir: string;
  readonly socketPath: string;
  /** Environment for another process (the station) to use this lab's pcscd. */
  readonly env: { readonly PCSCLITE_CSOCK_NAME: string };
  readonly readers: readonly string[];
  attach(slot: number, card: CardBehaviour): Promise<LabAttachedCard>;
  attach(slot: number, card: { readonly process: ChipProcessConfig }): Promise<LabChipProcess>;
  attach(slot: number, card: { readonly vicc: ViccOptions }): Promise<LabCard>;
  /** Runs a command inside the lab's network and pid namespaces. */
  spawnInLab(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess;
  stopPcscd(): Promise<void>;
  startPcscd(): Promise<void>;
  /** pcscd's output so far. */
  pcscdLog(): string;
  stop(): Promise<void>;
}

let active: PcscLab | null = null;

function isCardBehaviour(value: unknown): value is CardBehaviour {
  return (
    typeof value === 'object' && value !== null && typeof (value as CardBehaviour).process === 'function'
  );
}

export async function startPcscLab(options: PcscLabOptions = {}): Promise<PcscLab> {
  if (active) throw new Error('a PC/SC lab is already running in this process (one at a time)');
  const slots = options.slots ?? 2;
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS)
    throw new RangeError(`slots must be 1..${MAX_SLOTS}`);
  const pairs = Math.ceil(slots / 2);
  removeStaleLabDirs();
  const dir = labDirFor();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'run'), { recursive: true });
  writeReaderConf(dir, pairs);
  const socketPath = join(dir, 'run', 'pcscd.comm');

  const unshareArgs = [
    ...(process.getuid?.() === 0 ? [] : ['--map-root-user']),
    ...['--mount', '--net', '--pid', '--fork', '--kill-child', '--'],
    ...[process.execPath, '--import', 'tsx', ROOT_SCRIPT, '--dir', dir, '--slots', String(pairs * 2)],
    ...['--base-port', String(BASE_PORT)],
    ...(options.quickack === false ? [] : ['--quickack']),
    ...(options.debug === true ? ['--debug'] : []),
  ];
  const root = spawn('unshare', unshareArgs, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  root.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killRoot = (): void => {
    root.kill('SIGKILL');
  };
  process.once('exit', killRoot);
  const rootEvents = new EventLog(root);
  const ready = await Promise.race([
    rootEvents.wait((e) => e.event === 'ready' || e.event === 'error', 20_000, 'lab start'),
    exited(root, 20_000).then((): ChipProcessEvent => ({ event: 'exit' })),
  ]).catch((error: unknown): ChipProcessEvent => ({ event: 'error', message: String(error) }));
  if (ready.event !== 'ready' || typeof ready['hostPid'] !== 'number') {
    killRoot();
    process.removeListener('exit', killRoot);
    throw new Error(`PC/SC lab did not start: ${JSON.stringify(ready)}\n${stderr}`);
  }
  const hostPid = ready['hostPid'];
  if (options.applyToProcess !== false) {
    const previous = process.env['PCSCLITE_CSOCK_NAME'];
    if (previous !== undefined && previous !== socketPath) {
      killRoot();
      process.removeListener('exit', killRoot);
      throw new Error(`PCSCLITE_CSOCK_NAME is already ${previous}; libpcsclite reads it once per process`);
    }
    process.env['PCSCLITE_CSOCK_NAME'] = socketPath;
  }

  const cards = new Set<LabCard>();
  const readers = Array.from({ length: slots }, (_, slot) => readerName(slot));

  const spawnInLab = (command: string, args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess =>
    spawn('nsenter', ['--target', String(hostPid), '--net', '--pid', '--', command, ...args], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: env ?? process.env,
    });

  const checkSlot = (slot: number): void => {
    if (!Number.isInteger(slot) || slot < 0 || slot >= slots)
      throw new RangeError(`slot must be 0..${slots - 1}`);
  };

  const attachInProcess = async (slot: number, card: CardBehaviour): Promise<LabAttachedCard> => {
    const attachment = new VpcdAttachment(card, { path: join(dir, `slot-${slot}.sock`) });
    const handle: LabAttachedCard = {
      slot,
      reader: readerName(slot),
      attachment,
      insert: () => attachment.insert(),
      remove: () => attachment.remove(),
      detach: async () => {
        cards.delete(handle);
        await attachment.remove();
      },
    };
    cards.add(handle);
    await attachment.insert();
    return handle;
  };

  const attachProcess = async (slot: number, config: ChipProcessConfig): Promise<LabChipProcess> => {
    const child = spawnInLab(process.execPath, [
      ...['--import', 'tsx', CHIP_PROCESS, '--port', String(portOf(slot))],
      ...['--config', JSON.stringify(config)],
    ]);
    const log = new EventLog(child);
    const send = (command: Readonly<Record<string, unknown>>): void => {
      child.stdin?.write(`${JSON.stringify(command)}\n`);
    };
    const handle: LabChipProcess = {
      slot,
      reader: readerName(slot),
      process: child,
      events: log.events,
      send,
      waitForEvent: (predicate, timeoutMs = 5000) => log.wait(predicate, timeoutMs, 'chip process'),
      insert: async () => {
        const inserted = log.next((e) => e.event === 'inserted', 5000, 'chip process insert');
        send({ cmd: 'insert' });
        await inserted;
      },
      remove: async () => {
        const gone = log.next((e) => e.event === 'disconnected', 5000, 'chip process remove');
        send({ cmd: 'remove' });
        await gone;
      },
      detach: async () => {
        cards.delete(handle);
        child.stdin?.end();
        if (!(await exited(child, 3000))) child.kill('SIGKILL');
      },
    };
    cards.add(handle);
    const first = await log
      .wait((e) => e.event === 'inserted' || e.event === 'error', 15_000, 'chip process start')
      .catch((error: unknown): ChipProcessEvent => ({ event: 'error', message: String(error) }));
    if (first.event === 'error') {
      await handle.detach();
      throw new Error(`chip process: ${JSON.stringify(first)}`);
    }
    return handle;
  };

  const attachVicc = (slot: number, vicc: ViccOptions): LabCard => {
    let child: ChildProcess | null = null;
    const args = [
      '-t',
      vicc.type ?? 'iso7816',
      '-H',
      '127.0.0.1',
      '-P',
      String(portOf(slot)),
      ...(vicc.args ?? []),
    ];
    const env = { ...process.env, PYTHONPATH: viccPythonPath(dir) };
    const handle: LabCard = {
      slot,
      reader: readerName(slot),
      insert: () => {
        child ??= spawnInLab('vicc', args, env);
        return Promise.resolve();
      },
      remove: async () => {
        const running = child;
        child = null;
        if (!running) return;
        running.kill('SIGTERM');
        if (!(await exited(running, 3000))) running.kill('SIGKILL');
      },
      detach: async () => {
        cards.delete(handle);
        await handle.remove();
      },
    };
    cards.add(handle);
    void handle.insert();
    return handle;
  };

  const command = async (cmd: string, done: string): Promise<void> => {
    const answer = rootEvents.next((e) => e.event === done || e.event === 'error', 15_000, cmd);
    root.stdin.write(`${JSON.stringify({ cmd })}\n`);
    const event = await answer;
    if (event.event !== done) throw new Error(`${cmd}: ${JSON.stringify(event)}`);
  };

  function attach(slot: number, card: CardBehaviour): Promise<LabAttachedCard>;
  function attach(slot: number, card: { readonly process: ChipProcessConfig }): Promise<LabChipProcess>;
  function attach(slot: number, card: { readonly vicc: ViccOptions }): Promise<LabCard>;
  function attach(
    slot: number,
    card: CardBehaviour | { readonly process: ChipProcessConfig } | { readonly vicc: ViccOptions },
  ): Promise<LabCard> {
    checkSlot(slot);
    if ([...cards].some((c) => c.slot === slot))
      return Promise.reject(new Error(`slot ${slot} already has a card`));
    if (isCardBehaviour(card)) return attachInProcess(slot, card);
    if ('process' in card) return attachProcess(slot, card.process);
    return Promise.resolve(attachVicc(slot, card.vicc));
  }

  const lab: PcscLab = {
    dir,
    socketPath,
    env: { PCSCLITE_CSOCK_NAME: socketPath },
    readers,
    attach,
    spawnInLab,
    stopPcscd: () => command('stop-pcscd', 'pcscd-stopped'),
    startPcscd: () => command('start-pcscd', 'pcscd-started'),
    pcscdLog: () => readFileSync(join(dir, 'pcscd.log'), 'utf8'),
    stop: async () => {
      await Promise.all([...cards].map((c) => c.detach()));
      root.stdin.end();
      if (!(await exited(root, 5000))) {
        killRoot();
        await exited(root, 2000);
      }
      process.removeListener('exit', killRoot);
      rmSync(dir, { recursive: true, force: true });
      if (active === lab) active = null;
    },
  };
  active = lab;
  return lab;
}
