// npm run bench [-- name...]: runs every test/bench/*.bench.ts (or those whose file name contains
// one of the names). Each benchmark measures Custos and its named real peer side by side in one
// run and prints markdown table rows (median of several runs); this script bundles each one with
// esbuild into a temp .cjs (packages stay external, found through NODE_PATH, as the crash test
// does), runs it with node, and prints every row in one table at the end, with the notes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const only = process.argv.slice(2);
const dir = join('test', 'bench');
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
      .sort()
  : [];
if (files.length === 0) {
  console.log(only.length ? `No benchmark matches ${only.join(', ')}.` : 'No benchmarks yet.');
  process.exit(only.length ? 2 : 0);
}

// Some benchmarks drive the built CLI and browser host.
if (!existsSync('build/main/cli.cjs') || !existsSync('build/renderer/index.html')) {
  console.error('bench: build/ is missing; building first (npm run build).');
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

if (newestSource(['src-main', 'src-renderer']) > statSync('build/main/cli.cjs').mtimeMs) {
  console.error(
    'bench: warning: build/ is older than the sources; the CLI and browser-host figures measure that older build (run npm run build).',
  );
}

// Other work on the machine skews every figure; the table says how busy it was.
const loadAtStart = loadavg()[0] ?? 0;
const work = mkdtempSync(join(tmpdir(), 'custos-bench-'));
const env = { ...process.env, NODE_PATH: join(root, 'node_modules') };
const rows = [];
const notes = [];
let failed = 0;
try {
  for (const file of files) {
    console.error(`\n## ${file}`);
    const bundle = join(work, file.replace(/\.ts$/, '.cjs'));
    await build({
      entryPoints: [join(dir, file)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      packages: 'external',
      logLevel: 'error',
      absWorkingDir: root,
    });
    const code = await run(bundle);
    if (code !== 0) {
      failed++;
      console.error(`bench: ${file} failed (exit ${code})`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `\nCustos benchmarks, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.versions.node}, load average ${loadAtStart.toFixed(1)} at start and ${(loadavg()[0] ?? 0).toFixed(1)} at end`,
);
console.log('command: npm run bench' + (only.length ? ` -- ${only.join(' ')}` : '') + '\n');
console.log('| benchmark | peer | Custos | peer | ratio | target | met? |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
if (notes.length) console.log('');
for (const note of notes) console.log(note);
process.exit(failed ? 1 : 0);

function newestSource(paths) {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestSource(readdirSync(p).map((n) => join(p, n))) : s.mtimeMs);
  }
  return newest;
}

/** Runs one bundled benchmark: progress (stderr) passes through live; rows and notes (stdout) are kept for the table. */
function run(bundle) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('|')) rows.push(line);
        else if (line.startsWith('> ')) notes.push(line);
        process.stderr.write(`${line}\n`);
      }
    });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}
