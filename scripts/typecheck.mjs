// Typechecks every runtime's tsconfig in turn: shared (no Node, no DOM), main (Node),
// preload (sandboxed Electron preload), renderer (DOM) and tools (sim, bench, e2e, configs).
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'main', 'preload', 'renderer', 'tools'];
let failed = false;
for (const name of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${name}.json`], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`typecheck: tsconfig.${name}.json failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
