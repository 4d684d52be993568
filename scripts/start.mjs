// `npm start` after setup: the station in Electron when its runtime binary is installed,
// otherwise the same UI through the loopback web host (opened in Chromium's app mode when a
// display exists). Without STATION_READERS the web host runs the demo line (sim/demo: emulated
// chips in two readers, simulated entropy); with it, the configured readers. Extra arguments pass
// through to the host (e.g. --port 8400).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  try {
    const relativePath = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const binary = join(dir, 'dist', relativePath);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron) {
  forward(spawn(electron, [join(root, 'out', 'main', 'electron.js'), ...args], { stdio: 'inherit' }));
} else {
  console.log(
    'Electron runtime not installed (node node_modules/electron/install.js fetches it where the network allows); serving the station UI through the web host instead.',
  );
  const port = args.includes('--port') ? [] : ['--port', process.env.STATION_PORT ?? '8400'];
  const demo = !process.env.STATION_READERS;
  const [command, entry] = demo
    ? [join(root, 'node_modules', '.bin', 'tsx'), join(root, 'sim', 'demo', 'demo-line.ts')]
    : [process.execPath, join(root, 'out', 'main', 'web.js')];
  forward(spawn(command, [entry, ...port, '--open', ...args], { stdio: 'inherit' }));
}
