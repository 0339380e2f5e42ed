import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openStation } from '../../src-main/services';
import type { OpenOptions, OpenStation } from '../../src-main/services';
import { tempDir } from './temp';

export const PASSPHRASE = 'correct horse battery staple';

/** A station in a temp home, without the OS keychain and with the cheapest allowed scrypt cost; `cleanup` closes and removes it. */
export function testStation(usb?: OpenOptions['usb']): { station: OpenStation; home: string; cleanup: () => void } {
  const dir = tempDir('custos-station-');
  const station = openStation(dir.path, { via: 'cli', keychain: null, kdfLogN: 15, usb });
  return {
    station,
    home: dir.path,
    cleanup: () => {
      try {
        station.close();
      } catch {
        // already closed by the test
      }
      dir.cleanup();
    },
  };
}

/** A station with an unlocked vault. */
export async function unlockedStation(usb?: OpenOptions['usb']) {
  const s = testStation(usb);
  await s.station.vault.create(PASSPHRASE);
  return s;
}

/**
 * The station's database file opened behind Custos's back, as a tool or an intruder would: tests
 * that read raw rows or tamper with them use their own connection (the station keeps its own
 * private). Closed when `work` returns.
 */
export function behindCustos<T>(home: string, work: (db: Database.Database) => T): T {
  const db = new Database(join(home, 'station.db'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}
