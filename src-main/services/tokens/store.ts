import type { StationDatabase } from '../station';

/** One token added to the station, as stored. */
export interface TokenRow {
  id: string;
  name: string;
  name_key: string;
  module_path: string;
  token_label: string;
  serial: string;
  manufacturer: string;
  model: string;
  created_at: string;
}

/** Which object on which token a keystore entry stands for. */
export interface TokenKeyRow {
  entry_id: string;
  token_id: string;
  cka_id: string;
}

/** The tokens' SQL, in one place. */
export class TokenStore {
  constructor(private readonly db: StationDatabase) {}

  insert(row: TokenRow): void {
    this.db
      .prepare(
        'INSERT INTO tokens (id, name, name_key, module_path, token_label, serial, manufacturer, model, created_at) VALUES (@id, @name, @name_key, @module_path, @token_label, @serial, @manufacturer, @model, @created_at)',
      )
      .run(row);
  }

  byName(nameKey: string): TokenRow | undefined {
    return this.db.prepare('SELECT * FROM tokens WHERE name_key = ?').get(nameKey) as TokenRow | undefined;
  }

  byId(id: string): TokenRow | undefined {
    return this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
  }

  all(): TokenRow[] {
    return this.db.prepare('SELECT * FROM tokens ORDER BY name_key').all() as TokenRow[];
  }

  insertKey(row: TokenKeyRow): void {
    this.db
      .prepare('INSERT INTO token_keys (entry_id, token_id, cka_id) VALUES (@entry_id, @token_id, @cka_id)')
      .run(row);
  }

  keyOf(entryId: string): TokenKeyRow | undefined {
    return this.db.prepare('SELECT * FROM token_keys WHERE entry_id = ?').get(entryId) as TokenKeyRow | undefined;
  }

  /** CKA_ID (hex) -> keystore label, for what this station already knows on a token. */
  entriesOn(tokenId: string): Map<string, string> {
    const rows = this.db
      .prepare(
        "SELECT k.cka_id AS cka_id, e.label AS label FROM token_keys k JOIN entries e ON e.id = k.entry_id WHERE k.token_id = ? AND e.state != 'destroyed'",
      )
      .all(tokenId) as { cka_id: string; label: string }[];
    return new Map(rows.map((r) => [r.cka_id, r.label]));
  }
}
