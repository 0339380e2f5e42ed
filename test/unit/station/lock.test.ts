import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireHomeLock, LOCK_FILE } from '../../../src-main/services/station';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function home(): string {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return dir.path;
}

/** Another OS process holding a lock file with its own pid, as a second Custos would. */
async function otherProcessHolding(path: string) {
  const child = spawn(process.execPath, [
    '-e',
    `require('fs').writeFileSync(${JSON.stringify(join(path, LOCK_FILE))}, process.pid + '\\n'); console.log('ready'); setInterval(() => {}, 1000)`,
  ]);
  cleanups.push(() => child.kill('SIGKILL'));
  // Wait for the child to say it holds the file: a fixed sleep loses the race on a busy machine.
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return child;
}

describe('station home lock', () => {
  it('refuses a second process and names the holder pid', async () => {
    const path = home();
    const child = await otherProcessHolding(path);
    expect(() => acquireHomeLock(path)).toThrowError(
      expect.objectContaining({ code: 'HOME_LOCKED', message: expect.stringContaining(`pid ${child.pid}`) }),
    );
  });

  it('takes over a lock whose holder died', () => {
    const path = home();
    writeFileSync(join(path, LOCK_FILE), '999999999\n');
    const lock = acquireHomeLock(path);
    lock.release();
    expect(existsSync(join(path, LOCK_FILE))).toBe(false);
  });

  it('creates the home folder and releases the lock', () => {
    const path = join(home(), 'nested', 'station');
    const lock = acquireHomeLock(path);
    expect(existsSync(join(path, LOCK_FILE))).toBe(true);
    lock.release();
    lock.release();
    expect(existsSync(join(path, LOCK_FILE))).toBe(false);
  });
});
