// First-run and staleness setup behind `npm start` and `npm test` (also `npm run setup`):
// Debian packages the station and its tests need, npm dependencies (with the install scripts
// allowed in package.json), and the build. Idempotent: when nothing changed it only hashes
// files and returns in about a second. Plain Node, no dependencies: it runs before they exist.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const say = (line) => (quiet ? undefined : console.log(`setup: ${line}`));

/**
 * Debian packages: PC/SC daemon + virtual reader driver and Python virtual card (vicc, which needs
 * pycryptodome), headers for
 * pcsclite, a real KMIP server (PyKMIP) for the key-service tests, Chromium and CJK fonts for the UI
 * and e2e, and unshare/ip for the test's own network namespace.
 */
export const DEBIAN_PACKAGES = [
  'pcscd',
  'libpcsclite-dev',
  'vsmartcard-vpcd',
  'vsmartcard-vpicc',
  'python3-pycryptodome',
  'python3-pykmip',
  'util-linux',
  'chromium',
  'openssl',
  'iproute2',
];

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function missingDebianPackages() {
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  return DEBIAN_PACKAGES.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing === null) {
    say(`not a Debian/Ubuntu system: install the equivalents of ${DEBIAN_PACKAGES.join(', ')} yourself`);
    return;
  }
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(`setup: missing Debian packages: ${missing.join(' ')}`);
    console.error(
      `setup: run this once, then try again:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`setup: installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env);
}

function hashFiles(paths) {
  const h = createHash('sha256');
  for (const p of paths) {
    h.update(relative(root, p));
    h.update('\0');
    h.update(readFileSync(p));
    h.update('\0');
  }
  return h.digest('hex');
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

function readStamp(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function ensureNodeModules() {
  const stampPath = join(root, 'node_modules', '.station-setup');
  const want = `${hashFiles([join(root, 'package.json'), join(root, 'package-lock.json')])} ${process.version} ${process.platform}`;
  if (existsSync(join(root, 'node_modules')) && readStamp(stampPath) === want) return;
  console.log('setup: installing npm dependencies (npm ci)');
  const env = { ...process.env };
  if (env.STATION_DOWNLOAD_ELECTRON !== '1') env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  run('npm', ['ci', '--no-audit', '--no-fund'], env);
  writeFileSync(stampPath, want);
}

const BUILD_INPUTS = ['main', 'renderer', 'shared'];
const BUILD_FILES = ['package.json', 'package-lock.json', 'electron.vite.config.ts', 'tsconfig.base.json'];

function ensureBuild() {
  const stampPath = join(root, 'out', '.build-stamp');
  const inputs = [
    ...BUILD_INPUTS.flatMap((d) => walk(join(root, d))),
    ...BUILD_FILES.map((f) => join(root, f)),
  ];
  const want = hashFiles(inputs.filter((p) => statSync(p).isFile()));
  if (readStamp(stampPath) === want) return;
  console.log('setup: building main, preload and renderer (electron-vite build)');
  run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(stampPath, want);
}

const started = Date.now();
try {
  ensureDebianPackages();
  ensureNodeModules();
  ensureBuild();
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
