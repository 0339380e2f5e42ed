import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement as SqliteStatement } from 'better-sqlite3';
import { closeSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CustosError, fail, StationCode } from '../../contract';
import { MIGRATIONS } from './migrations';

export const DATABASE_FILE = 'station.db';

/** Values a statement binds: SQLite's own types, or one object of named parameters (`@name`). */
export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParam = SqlValue | object;

/**
 * One prepared statement. Rows come back as `unknown`: each service's store.ts names their
 * shape, since only it knows its tables.
 */
export interface StationStatement {
  get(...params: readonly SqlParam[]): unknown;
  all(...params: readonly SqlParam[]): unknown[];
  run(...params: readonly SqlParam[]): { changes: number; lastInsertRowid: number | bigint };
  iterate(...params: readonly SqlParam[]): IterableIterator<unknown>;
  /** The first column only, for get/all/iterate. */
  pluck(): StationStatement;
  /** Rows as arrays, for get/all/iterate. */
  raw(): StationStatement;
}

/**
 * The station database: the only door to SQLite (better-sqlite3 is imported nowhere else).
 * One file per home, WAL, foreign keys on, synchronous=FULL so that a transaction that
 * returned is on disk ("acknowledged means committed"). Services keep their SQL in a store.ts
 * of their own and reach the file only through this class.
 */
export class StationDatabase {
  private constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly home: string,
  ) {}

  static open(home: string): StationDatabase {
    const path = join(home, DATABASE_FILE);
    prepareFile(path, home);
    let sqlite: SqliteDatabase | undefined;
    try {
      sqlite = new Database(path);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      // Destroyed key material is overwritten in the file, not just unlinked from the b-tree.
      sqlite.pragma('secure_delete = ON');
      sqlite.pragma('busy_timeout = 5000');
      migrate(sqlite);
      return new StationDatabase(sqlite, home);
    } catch (e) {
      sqlite?.close();
      if (e instanceof CustosError) throw e;
      if (isCorruption(e)) throw corrupt(home, e);
      fail(
        StationCode.DatabaseUnusable,
        `The station database in ${home} cannot be opened (${(e as { code?: string }).code ?? 'error'}). Restore it from a backup or choose another home.`,
      );
    }
  }

  /** A prepared statement (not cached: pluck() and raw() change a statement's mode). */
  prepare(sql: string): StationStatement {
    return guarded(this.home, () => wrap(this.sqlite.prepare(sql), this.home));
  }

  /** `work` as one transaction: all of it is committed, or none. Nested calls join the outer one. */
  transaction<T>(work: () => T): () => T {
    const run = this.sqlite.transaction(work);
    return () => guarded(this.home, run);
  }

  /** Whether a transaction is open on this connection (what it wrote may still be rolled back). */
  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  /**
   * Wipes freed pages that still hold old sealed material: secure_delete zeroes the main file,
   * but the WAL keeps old page images until a checkpoint. Best effort: a busy reader only delays it.
   */
  wipeFreedPages(): void {
    try {
      this.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // the next checkpoint does it
    }
  }

  close(): void {
    this.sqlite.close();
  }
}

function wrap(statement: SqliteStatement, home: string): StationStatement {
  return {
    get: (...params) => guarded(home, () => statement.get(...params)),
    all: (...params) => guarded(home, () => statement.all(...params)),
    run: (...params) =>
      guarded(home, () => {
        const { changes, lastInsertRowid } = statement.run(...params);
        return { changes, lastInsertRowid };
      }),
    iterate: (...params) => guarded(home, () => statement.iterate(...params)),
    pluck: () => wrap(statement.pluck(), home),
    raw: () => wrap(statement.raw(), home),
  };
}

/** A damaged page met at any read or write is named, with advice that loses nothing. */
function guarded<T>(home: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (isCorruption(e)) throw corrupt(home, e);
    throw e;
  }
}

function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function corrupt(home: string, e: unknown): CustosError {
  const code = (e as { code?: string }).code ?? 'SQLITE_CORRUPT';
  return new CustosError(
    StationCode.DatabaseCorrupt,
    `The station database in ${home} is damaged (${code}). Custos changed nothing. Keep a copy of station.db as it is, then restore it from a backup or a copy of the station home.`,
  );
}

/**
 * A missing station.db is created empty and owner-only before SQLite opens it (SQLite gives
 * its WAL and shared-memory files the same mode). An existing empty one is refused: a station
 * whose database was truncated must not silently become a new, empty station.
 */
function prepareFile(path: string, home: string): void {
  let size: number | null;
  try {
    size = statSync(path).size;
  } catch {
    size = null;
  }
  if (size === 0) {
    fail(
      StationCode.DatabaseEmpty,
      `The station database ${path} is empty (0 bytes): this station's keys and records are not in it. Restore station.db from a backup. To start a new station in ${home} on purpose, move the empty file away first.`,
    );
  }
  if (size === null) {
    try {
      closeSync(openSync(path, 'wx', 0o600));
    } catch {
      // Another process created it first, or the folder is unwritable: SQLite will say which.
    }
  }
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
