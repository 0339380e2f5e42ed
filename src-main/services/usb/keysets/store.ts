import type { StationDatabase } from '../../station';
import type { CopyState } from '../../../contract';
import type { CopyRow, KeySetRow } from './rows';

type KeySetFields = Partial<Omit<KeySetRow, 'id' | 'name' | 'name_key' | 'created_at'>>;
type CopyFields = Partial<
  Pick<
    CopyRow,
    'state' | 'file_name' | 'mount_seen' | 'drive_label' | 'kept_at' | 'custodian' | 'last_verified_at' | 'updated_at'
  >
>;

/** The USB tables' SQL, in one place. Callers own the transactions. */
export class KeySetStore {
  constructor(private readonly db: StationDatabase) {}

  insertKeySet(row: KeySetRow): void {
    const cols = Object.keys(row);
    this.db
      .prepare(`INSERT INTO usb_key_sets (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)
      .run({ ...row });
  }

  updateKeySet(id: string, fields: KeySetFields): void {
    const cols = Object.keys(fields);
    if (cols.length === 0) return;
    this.db
      .prepare(`UPDATE usb_key_sets SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
      .run({ ...fields, id });
  }

  /** The live key set with this file stem, else the most recent erased or cancelled one. */
  byNameKey(nameKey: string): KeySetRow | undefined {
    return this.db
      .prepare(
        "SELECT * FROM usb_key_sets WHERE name_key = ? ORDER BY state IN ('erased', 'cancelled'), created_at DESC, rowid DESC LIMIT 1",
      )
      .get(nameKey) as KeySetRow | undefined;
  }

  liveByNameKey(nameKey: string): KeySetRow | undefined {
    return this.db
      .prepare("SELECT * FROM usb_key_sets WHERE name_key = ? AND state NOT IN ('erased', 'cancelled')")
      .get(nameKey) as KeySetRow | undefined;
  }

  byId(id: string): KeySetRow | undefined {
    return this.db.prepare('SELECT * FROM usb_key_sets WHERE id = ?').get(id) as KeySetRow | undefined;
  }

  /** Key sets holding a key sealed under the vault key (prepared, or escrowed). */
  sealedCount(): number {
    return this.db
      .prepare('SELECT count(*) FROM usb_key_sets WHERE pending_sealed IS NOT NULL OR escrow_sealed IS NOT NULL')
      .pluck()
      .get() as number;
  }

  allKeySets(): KeySetRow[] {
    return this.db.prepare('SELECT * FROM usb_key_sets ORDER BY name_key, created_at').all() as KeySetRow[];
  }

  insertCopy(row: CopyRow): void {
    const cols = Object.keys(row);
    this.db
      .prepare(`INSERT INTO usb_key_copies (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)
      .run({ ...row });
  }

  updateCopy(id: string, fields: CopyFields): void {
    const cols = Object.keys(fields);
    if (cols.length === 0) return;
    this.db
      .prepare(`UPDATE usb_key_copies SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
      .run({ ...fields, id });
  }

  copyById(id: string): CopyRow | undefined {
    return this.db.prepare('SELECT * FROM usb_key_copies WHERE id = ?').get(id) as CopyRow | undefined;
  }

  /** Copies of a key set, optionally only in some states and of one generation; oldest first. */
  copiesOf(keySetId: string, states?: readonly CopyState[], generation?: number): CopyRow[] {
    const where = ['key_set_id = ?'];
    const args: (string | number)[] = [keySetId];
    if (states) {
      where.push(`state IN (${states.map(() => '?').join(', ')})`);
      args.push(...states);
    }
    if (generation !== undefined) {
      where.push('generation = ?');
      args.push(generation);
    }
    return this.db
      .prepare(`SELECT * FROM usb_key_copies WHERE ${where.join(' AND ')} ORDER BY written_at, drive_label, rowid`)
      .all(...args) as CopyRow[];
  }

  /** The highest generation ever written for a key set: a cancelled generation number is never reused. */
  maxCopyGeneration(keySetId: string): number {
    return (
      (this.db.prepare('SELECT MAX(generation) FROM usb_key_copies WHERE key_set_id = ?').pluck().get(keySetId) as
        number | null) ?? 0
    );
  }

  /** How many copies of each state a key set has, for its view. */
  countsOf(keySetId: string): Map<string, number> {
    const rows = this.db
      .prepare(
        'SELECT state, generation, COUNT(*) AS n FROM usb_key_copies WHERE key_set_id = ? GROUP BY state, generation',
      )
      .all(keySetId) as {
      state: string;
      generation: number;
      n: number;
    }[];
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(`${r.state}:${r.generation}`, r.n);
    return counts;
  }
}
