import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  // Wait for the lock file to name the child (a fixed sleep is too short on a busy machine).
  const file = join(path, LOCK_FILE);
  const deadline = Date.now() + 20_000;
  while (!(existsSync(file) && readFileSync(file, 'utf8').trim() === String(child.pid))) {
    if (Date.now() > deadline) throw new Error('the other process never wrote its lock file');
    await new Promise((r) => setTimeout(r, 20));
  }
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
