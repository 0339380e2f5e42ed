import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { join } from 'node:path';
import { CustosError, fail, StationCode } from '../../contract';
import { MIGRATIONS } from './migrations';

export const DATABASE_FILE = 'station.db';

export type StationDatabase = SqliteDatabase;

/**
 * The station database: one SQLite file per home, WAL, foreign keys on, synchronous=FULL so
 * that a transaction that returned is on disk ("acknowledged means committed").
 */
export function openStationDatabase(home: string): StationDatabase {
  let db: SqliteDatabase;
  try {
    db = new Database(join(home, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Destroyed key material is overwritten in the file, not just unlinked from the b-tree.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (e) {
    if (e instanceof CustosError) throw e;
    fail(
      StationCode.DatabaseUnusable,
      `The station database in ${home} cannot be opened (${(e as { code?: string }).code ?? 'error'}). Restore it from a backup or choose another home.`,
    );
  }
  return db;
}

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    fail(
      StationCode.DatabaseTooNew,
      `The station database was written by a newer Custos (schema ${current}); update Custos on this station.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version];
    if (sql === undefined) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
