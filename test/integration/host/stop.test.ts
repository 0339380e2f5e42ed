// Issue 10, item 9 (in part): a stop request to `npm start` or `custos serve` closes the host,
// ends its jobs and releases the station lock. Real child processes, real signals; a second
// `custos station info` on the same home is the proof the lock is free.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../../helpers/temp';

const started: ChildProcess[] = [];
const homes: ReturnType<typeof tempDir>[] = [];

beforeAll(() => {
  if (!existsSync('build/renderer/index.html') || !existsSync('build/main/cli.cjs')) {
    throw new Error('These tests run the built CLI: run "npm run build" first (npm test does).');
  }
});

afterEach(() => {
  // Whatever a failed test left running is ended here, by its own pid only.
  for (const home of homes.splice(0)) {
    const pid = lockHolder(home.path);
    if (pid !== null && alive(pid)) process.kill(pid, 'SIGKILL');
    home.cleanup();
  }
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function lockHolder(home: string): number | null {
  const lock = join(home, 'custos.lock');
  if (!existsSync(lock)) return null;
  const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
  return Number.isInteger(pid) ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a command on a fresh home and waits for the host's address; no browser is opened. */
async function launch(
  command: string,
  args: string[],
  ownGroup = false,
): Promise<{ child: ChildProcess; home: string; url: string; exited: Promise<void> }> {
  const home = tempDir('custos-stop-');
  homes.push(home);
  const child = spawn(command, args, {
    env: {
      ...process.env,
      CUSTOS_HOME: home.path,
      CUSTOS_START_NO_BUILD: '1',
      BROWSER: 'true',
      DISPLAY: '',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: ownGroup,
  });
  started.push(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`${command} exited before serving: ${out}`)));
  });
  return { child, home: home.path, url, exited };
}

/** A connected, authenticated page with a job running: what a custodian's session holds. */
async function attachPage(url: string, withJob = false): Promise<WebSocket> {
  const u = new URL(url);
  const token = u.hash.replace('#token=', '');
  const ws = new WebSocket(`ws://${u.host}/ipc`, ['custos.v1', `token.${token}`], { origin: u.origin });
  ws.on('error', () => {});
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  if (withJob) ws.send(JSON.stringify({ id: 1, channel: 'station.selfTest', input: {} }));
  return ws;
}

/** Polls until `custos station info` on the home succeeds: the lock is released. */
async function lockReleasedWithin(home: string, ms: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const info = spawnSync(process.execPath, ['bin/custos.cjs', '--home', home, '--json', 'station', 'info'], {
      encoding: 'utf8',
    });
    if (info.status === 0) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`the station stayed locked: ${info.stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function goneWithin(pid: number, ms: number): Promise<void> {
  const start = Date.now();
  while (alive(pid)) {
    if (Date.now() - start > ms) throw new Error(`process ${pid} is still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('stopping the browser host', () => {
  it('custos serve: SIGTERM closes a connected page, ends its job and releases the lock', async () => {
    const run = await launch(process.execPath, ['bin/custos.cjs', 'serve', '--port', '0']);
    const page = await attachPage(run.url, true);
    const pageClosed = new Promise<void>((r) => page.once('close', () => r()));
    run.child.kill('SIGTERM');
    await Promise.all([run.exited, pageClosed]);
    expect(run.child.exitCode).toBe(0);
    expect(await lockReleasedWithin(run.home, 10_000)).toBeLessThan(10_000);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'npm start (scripts/start.mjs): %s is passed on and the lock released',
    async (signal) => {
      const run = await launch(process.execPath, ['scripts/start.mjs']);
      const host = lockHolder(run.home);
      expect(host).not.toBeNull();
      await attachPage(run.url);
      run.child.kill(signal);
      await run.exited;
      expect(host !== null && alive(host)).toBe(false);
      await lockReleasedWithin(run.home, 10_000);
    },
  );

  it('npm start through npm and sh: a SIGTERM to npm alone still stops the host', async () => {
    const run = await launch('npm', ['start', '--silent']);
    const host = lockHolder(run.home);
    expect(host).not.toBeNull();
    await attachPage(run.url);
    run.child.kill('SIGTERM');
    await run.exited;
    await lockReleasedWithin(run.home, 10_000);
    // npm is gone at once; the host it left behind must end too, not linger lock-free.
    if (host !== null) await goneWithin(host, 10_000);
  });

  it('Ctrl+C in a terminal (SIGINT to the whole process group) stops npm start and the host cleanly (exit 0)', async () => {
    const run = await launch(process.execPath, ['scripts/start.mjs'], true);
    const host = lockHolder(run.home);
    await attachPage(run.url);
    const pid = run.child.pid;
    if (pid === undefined) throw new Error('no pid');
    process.kill(-pid, 'SIGINT'); // the group this test created, as a terminal does
    await run.exited;
    expect(run.child.exitCode).toBe(0);
    if (host !== null) await goneWithin(host, 10_000);
    await lockReleasedWithin(run.home, 10_000);
  });
});
