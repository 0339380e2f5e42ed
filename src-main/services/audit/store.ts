import type { AuditFilter } from '../../contract';
import type { StationDatabase } from '../station';

/** One audit row as the table holds it: the view's fields plus the hash of the row before. */
export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object: string;
  outcome: string;
  detail: string;
  prevHash: string;
  hash: string;
}

interface DbRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object: string;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

const DEFAULT_LIMIT = 10_000;

/** The audit table's SQL, in one place. Callers own the transactions. */
export class AuditStore {
  constructor(private readonly db: StationDatabase) {}

  /** The newest row's sequence number and hash: the link the next row chains to. */
  last(): { seq: number; hash: string } | undefined {
    return this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
  }

  insert(r: AuditRecord): void {
    this.db
      .prepare(
        'INSERT INTO audit (seq, at, actor, action, object, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.seq, r.at, r.actor, r.action, r.object, r.outcome, r.detail, r.prevHash, r.hash);
  }

  /** Rows that pass the filter, newest first. */
  list(filter: AuditFilter): AuditRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const when = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      args.push(...values);
    };
    // "vault" matches vault.unlock and vault.lock; "vault.lock" matches only itself.
    if (filter.action) when("(action = ? OR action LIKE ? || '.%')", filter.action, filter.action);
    if (filter.object) when('object LIKE ?', `%${filter.object}%`);
    if (filter.outcome) when('outcome = ?', filter.outcome);
    if (filter.since) when('at >= ?', filter.since);
    if (filter.until) when('at <= ?', filter.until);
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    args.push(filter.limit ?? DEFAULT_LIMIT);
    return (this.db.prepare(sql).all(...args) as DbRow[]).map(fromDb);
  }

  /** Every row, oldest first, one at a time (the chain may be long). */
  *inOrder(): Generator<AuditRecord> {
    for (const raw of this.db.prepare('SELECT * FROM audit ORDER BY seq ASC').iterate() as IterableIterator<DbRow>)
      yield fromDb(raw);
  }
}

/** The head of the chain as last sealed under the vault key. */
export interface AuditSeal {
  seq: number;
  hash: string;
  mac: string;
  since_seq: number;
}

/** The audit_seal table: one row, the sealed head. */
export class AuditSealStore {
  constructor(private readonly db: StationDatabase) {}

  get(): AuditSeal | undefined {
    return this.db.prepare('SELECT seq, hash, mac, since_seq FROM audit_seal WHERE id = 1').get() as
      AuditSeal | undefined;
  }

  put(seal: AuditSeal): void {
    this.db
      .prepare(
        'INSERT INTO audit_seal (id, seq, hash, mac, since_seq) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, since_seq = excluded.since_seq',
      )
      .run(seal.seq, seal.hash, seal.mac, seal.since_seq);
  }

  /** The first row's sequence number (where a new station's seal starts). */
  firstSeq(): number | null {
    return (this.db.prepare('SELECT min(seq) FROM audit').pluck().get() as number | null) ?? null;
  }

  hashOf(seq: number): string | undefined {
    return this.db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(seq) as string | undefined;
  }
}

function fromDb(r: DbRow): AuditRecord {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    object: r.object,
    outcome: r.outcome,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
