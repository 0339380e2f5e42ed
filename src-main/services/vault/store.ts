import type { StationDatabase } from '../station';

/** The vault's one row: the KDF parameters, the wrapped vault key and its check value. */
export interface VaultRow {
  kdf: string;
  wrapped_key: Buffer;
  key_check: string;
  auto_lock_minutes: number;
}

/** The vault table's SQL, in one place. Callers own the transactions. */
export class VaultStore {
  constructor(private readonly db: StationDatabase) {}

  row(): VaultRow | undefined {
    return this.db.prepare('SELECT kdf, wrapped_key, key_check, auto_lock_minutes FROM vault WHERE id = 1').get() as
      VaultRow | undefined;
  }

  insert(kdf: string, wrappedKey: Buffer, keyCheck: string, now: string): void {
    this.db
      .prepare('INSERT INTO vault (id, kdf, wrapped_key, key_check, created_at, changed_at) VALUES (1, ?, ?, ?, ?, ?)')
      .run(kdf, wrappedKey, keyCheck, now, now);
  }

  /** A new passphrase: new KDF parameters and the same vault key wrapped again. */
  rewrap(kdf: string, wrappedKey: Buffer, now: string): void {
    this.db.prepare('UPDATE vault SET kdf = ?, wrapped_key = ?, changed_at = ? WHERE id = 1').run(kdf, wrappedKey, now);
  }

  /** The key check in its audit-sealed form (vault.ts): an HMAC under the vault key. */
  setKeyCheck(keyCheck: string): void {
    this.db.prepare('UPDATE vault SET key_check = ? WHERE id = 1').run(keyCheck);
  }

  setAutoLockMinutes(minutes: number): void {
    this.db.prepare('UPDATE vault SET auto_lock_minutes = ? WHERE id = 1').run(minutes);
  }
}
