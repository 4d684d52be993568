// The first process of a PC/SC lab (see pcsc-lab.ts), started by `unshare --mount --net --pid
// --fork` so that it is pid 1 of the lab: when it exits, the kernel ends every process of the lab.
// It brings up loopback (with TCP quick ACKs when asked), puts a tmpfs on /run and binds the lab's
// run folder on /run/pcscd (pcscd 1.9.9 always listens on /run/pcscd/pcscd.comm; through the bind
// the socket is the lab's file, reachable from outside the namespaces), runs pcscd with the lab's
// reader.conf.d, and relays each slot's unix socket (for cards emulated in the test process) to
// vpcd's TCP port inside the lab. It talks JSON lines: commands on stdin (stop-pcscd, start-pcscd,
// shutdown), events on stdout (ready, pcscd-stopped, pcscd-started, error). End of stdin (the test
// process died) shuts the lab down.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    slots: { type: 'string' },
    'base-port': { type: 'string' },
    quickack: { type: 'boolean', default: false },
    debug: { type: 'boolean', default: false },
  },
});
const dir = values.dir ?? '';
const slots = Number(values.slots);
const basePort = Number(values['base-port']);
if (dir === '' || !Number.isInteger(slots) || slots < 1 || !Number.isInteger(basePort)) {
  throw new Error('usage: pcsc-lab-root --dir DIR --slots N --base-port PORT [--quickack] [--debug]');
}
const runDir = join(dir, 'run');
const socketPath = join(runDir, 'pcscd.comm');

function send(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function setUpNamespaces(): void {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  if (values.quickack) {
    execFileSync('ip', [
      ...['route', 'change', 'local', '127.0.0.1', 'dev', 'lo', 'table', 'local', 'proto', 'kernel'],
      ...['scope', 'host', 'src', '127.0.0.1', 'quickack', '1'],
    ]);
  }
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=755', 'tmpfs', '/run']);
  mkdirSync('/run/pcscd');
  execFileSync('mount', ['--bind', runDir, '/run/pcscd']);
}

/** One unix socket per slot; each connection is piped to vpcd's port for that slot. */
function startRelays(): Server[] {
  return Array.from({ length: slots }, (_, slot) => {
    const path = join(dir, `slot-${slot}.sock`);
    rmSync(path, { force: true });
    const server = createServer((card) => {
      const vpcd = connect(basePort + slot, '127.0.0.1');
      vpcd.setNoDelay(true);
      card.pipe(vpcd);
      vpcd.pipe(card);
      const end = (): void => {
        card.destroy();
        vpcd.destroy();
      };
      card.on('close', end).on('error', end);
      vpcd.on('close', end).on('error', end);
    });
    server.listen(path);
    return server;
  });
}

let pcscd: ChildProcess | null = null;

async function startPcscd(): Promise<void> {
  const log = openSync(join(dir, 'pcscd.log'), 'a');
  const level = values.debug ? '--debug' : '--error';
  const child = spawn('pcscd', ['--foreground', level, '--config', join(dir, 'reader.conf.d')], {
    stdio: ['ignore', log, log],
  });
  pcscd = child;
  child.on('exit', (code, signal) => {
    if (pcscd === child) {
      pcscd = null;
      send({ event: 'error', message: `pcscd exited (${signal ?? String(code)})` });
    }
  });
  const deadline = Date.now() + 10_000;
  while (!(await listening())) {
    if (Date.now() > deadline || pcscd !== child) throw new Error('pcscd did not start');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function listening(): Promise<boolean> {
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const probe = connect(socketPath);
    probe.on('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => {
      resolve(false);
    });
  });
}

async function stopPcscd(): Promise<void> {
  const child = pcscd;
  if (!child) return;
  pcscd = null;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** The pid of this process outside the lab's pid namespace (first NSpid field; /proc is the host's). */
function hostPid(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('NSpid:'));
  return Number(line?.split(/\s+/)[1]);
}

async function main(): Promise<void> {
  setUpNamespaces();
  const relays = startRelays();
  await startPcscd();
  let shuttingDown = false;
  const shutdown = async (): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    await stopPcscd();
    for (const relay of relays) relay.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  const commands = createInterface({ input: process.stdin });
  commands.on('close', () => void shutdown());
  commands.on('line', (line) => {
    const run = async (): Promise<void> => {
      const { cmd } = JSON.parse(line) as { cmd?: unknown };
      if (cmd === 'stop-pcscd') {
        await stopPcscd();
        send({ event: 'pcscd-stopped' });
      } else if (cmd === 'start-pcscd') {
        await startPcscd();
        send({ event: 'pcscd-started' });
      } else if (cmd === 'shutdown') {
        await shutdown();
      } else {
        send({ event: 'error', message: `unknown command ${line}` });
      }
    };
    run().catch((error: unknown) => {
      send({ event: 'error', message: error instanceof Error ? error.message : String(error) });
    });
  });
  send({ event: 'ready', hostPid: hostPid() });
}

main().catch((error: unknown) => {
  send({ event: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
