// npm run bench: runs every test/bench/*.bench.mjs in turn. Each benchmark measures Custos and
// its named real peer side by side in one run and prints a table row (median of several runs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const dir = join('test', 'bench');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.mjs') && (only.length === 0 || only.some((o) => f.includes(o)))) : [];
if (files.length === 0) {
  console.log('No benchmarks yet.');
  process.exit(0);
}
let failed = 0;
for (const file of files.sort()) {
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
