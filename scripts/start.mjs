// npm start: the Electron app where its binary exists, otherwise the browser host.
// Builds first when the sources are newer than the last build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron'); // from Node this is the binary's path, or a throw when it was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function newestSource(paths) {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) newest = Math.max(newest, newestSource(readdirSync(p).map((n) => join(p, n))));
    else newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

const stamp = 'build/.stamp';
if (
  !existsSync(stamp) ||
  newestSource(['src-main', 'src-renderer', 'assets', 'package.json', 'vite.config.ts']) > statSync(stamp).mtimeMs
) {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const electron = electronBinary();
const child = electron
  ? spawn(electron, ['.', ...args], { stdio: 'inherit' })
  : (console.log(
      'custos: the Electron binary is not installed on this machine, so Custos starts its browser host instead; open the URL below.',
    ),
    spawn(process.execPath, ['bin/custos.cjs', 'serve', '--open', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
