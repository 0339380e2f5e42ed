import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('custos serve --open without a desktop browser', () => {
  it('prints the address and says the browser could not be opened, and keeps serving', async () => {
    const dir = tempDir('custos-open-');
    cleanups.push(dir.cleanup);
    // A PATH with no xdg-open (nor anything else): what a server without a desktop has.
    const child = spawn(
      process.execPath,
      ['bin/custos.cjs', '--home', join(dir.path, 'home'), 'serve', '--port', '0', '--open'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: join(dir.path, 'empty-bin') } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => /could not be opened/.test(stderr), { timeout: 15_000, interval: 100 }).toBe(true);
    const url = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect(stderr).toContain(
      `custos: note: the browser could not be opened (xdg-open is not installed); open ${url} yourself.\n`,
    );
    // Still serving: the exit code is the one a normal stop gives.
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
