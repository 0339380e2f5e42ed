// npm start: the Electron app where its binary exists or can be fetched now, otherwise the browser
// host. Builds first when the sources are newer than the last build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { chooseShell, fallbackLine, fetchFailureReason } from './lib/electron-choice.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // Evaluated afresh: after a fetch the module must look again rather than answer from the cache.
    delete require.cache[require.resolve('electron')];
    const path = require('electron'); // from Node this is the binary's path, or a throw when it was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

// npm install skips electron's postinstall (package.json allowScripts), so an offline machine can
// install; here, at first start, electron's own installer (@electron/get, checksums included) runs.
function fetchElectron() {
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return { ok: false, reason: 'the electron package is not installed; run npm install' };
  }
  console.log('custos: fetching the Electron binary (first start only, about 100 MB)...');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const run = spawnSync(process.execPath, [installer], {
    cwd: dirname(installer),
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (run.status === 0) return { ok: true };
  return { ok: false, reason: fetchFailureReason(run.stderr ?? '', run.status) };
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

/**
 * The one child running now (the build, then the app or the host). A stop request is passed on
 * to it, so the host closes its sockets, ends its jobs and releases the station lock itself.
 */
let child = null;
let stopping = null;
function stop(signal) {
  stopping ??= signal;
  if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  else process.exit(exitCodeFor(signal));
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

// `npm start` runs us under `sh -c`; on Debian that shell dies of a forwarded SIGTERM without
// passing it on, leaving us orphaned and the host holding the lock. An orphan stops too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent && !stopping) stop('SIGTERM');
}, 250).unref();

function exitCodeFor(signal) {
  return 128 + (constants.signals[signal] ?? 15);
}

function run(command, argv) {
  return new Promise((resolve) => {
    child = spawn(command, argv, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? exitCodeFor(signal) : 1)));
  });
}

const stamp = 'build/.stamp';
if (
  !process.env.CUSTOS_START_NO_BUILD &&
  (!existsSync(stamp) ||
    newestSource(['src-main', 'src-renderer', 'assets', 'package.json', 'vite.config.ts']) > statSync(stamp).mtimeMs)
) {
  const built = await run(process.execPath, ['scripts/build.mjs']);
  if (built !== 0 || stopping) process.exit(stopping ? exitCodeFor(stopping) : built);
}

const shell = chooseShell({
  binary: electronBinary(),
  skipDownload: Boolean(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD),
  fetch: fetchElectron,
  locate: electronBinary,
});
if (shell.kind !== 'electron') console.log(fallbackLine(shell.reason));
const code =
  shell.kind === 'electron'
    ? await run(shell.path, ['.', ...args])
    : await run(process.execPath, ['bin/custos.cjs', 'serve', '--open', ...args]);
process.exit(code);
