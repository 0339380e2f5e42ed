import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CustosError, fail, StationCode } from '../../contract';

export const LOCK_FILE = 'custos.lock';

export interface HomeLock {
  readonly home: string;
  release(): void;
}

/**
 * One Custos process per station home. The lock file holds the holder's pid; a lock whose
 * holder is gone (crash, power loss) is taken over, a live one is refused by name.
 */
export function acquireHomeLock(home: string): HomeLock {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const path = join(home, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        home,
        release() {
          if (released) return;
          released = true;
          if (readHolder(path) === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw homeUnusable(home, e);
      const holder = readHolder(path);
      if (holder !== null && holder !== process.pid && isAlive(holder)) {
        fail(
          StationCode.HomeLocked,
          `Another Custos process (pid ${holder}) is using the station home ${home}. Close it, or choose another home with --home.`,
        );
      }
      // Stale lock: its holder is gone. Remove and retry; `wx` makes sure only one taker wins.
      rmSync(path, { force: true });
    }
  }
  fail(StationCode.HomeLocked, `The station home ${home} is being claimed by another Custos process; try again.`);
}

function readHolder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function homeUnusable(home: string, e: unknown): CustosError {
  const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
  return new CustosError(
    StationCode.HomeUnusable,
    `Custos cannot use the station home ${home} (${code}). Check that the folder exists and is writable.`,
  );
}
