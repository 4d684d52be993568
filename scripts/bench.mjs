// `npm run bench [NAME]`: runs every bench/*.bench.ts (or the one named) with tsx, one after
// another so they do not compete for the two cores.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.startsWith(only));
let failed = false;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', file)], {
    stdio: 'inherit',
  });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
