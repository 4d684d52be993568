// `npm test` after setup: typecheck, lint, formatting, unit and integration tests (Vitest; integration runs
// under both crypto providers), then e2e (Playwright). Runs every layer even if one fails, then
// prints one summary line per layer and a closing "N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'test-results', 'summary');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { label, ok: r.status === 0, seconds: (Date.now() - started) / 1000 };
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');
const steps = [
  run('typecheck', process.execPath, [join(root, 'scripts', 'typecheck.mjs')]),
  run('lint', bin('eslint'), ['--max-warnings', '0', '.']),
  run('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']),
  run('unit + integration (vitest)', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]),
  run('e2e (playwright)', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }),
];

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const playwright = readJson(playwrightJson);
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}
for (const step of steps)
  failed += step.ok || step.label.includes('vitest') || step.label.includes('playwright') ? 0 : 1;

console.log('\n=== summary ===');
for (const step of steps)
  console.log(`${step.ok ? 'ok  ' : 'FAIL'}  ${step.label}  (${step.seconds.toFixed(1)} s)`);
const allOk = steps.every((s) => s.ok);
console.log(`${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed, ${skipped} skipped`);
process.exit(allOk ? 0 : 1);
