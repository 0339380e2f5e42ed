import { createHash } from 'node:crypto';
import type { StationDatabase } from '../station';

/**
 * The audit log: append-only rows, each hash-chained to the one before, in the same
 * transaction as the change they record. Never a secret: objects are labels and ids.
 */
export interface AuditEvent {
  action: string;
  object: string;
  outcome: 'ok' | 'failed' | 'refused';
  detail?: string;
}

export interface AuditRow {
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

export interface AuditFilter {
  action?: string;
  object?: string;
  outcome?: string;
  since?: string;
  until?: string;
  limit?: number;
}

export type AuditVerdict =
  | { intact: true; rows: number }
  | { intact: false; rows: number; seq: number; problem: 'edited' | 'deleted-or-reordered'; sentence: string };

const GENESIS = '0'.repeat(64);

export class AuditLog {
  constructor(
    private readonly db: StationDatabase,
    private readonly actor: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends one row. Call inside the transaction of the change it records. */
  append(event: AuditEvent): void {
    const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: this.now().toISOString(),
      actor: this.actor,
      action: event.action,
      object: event.object,
      outcome: event.outcome,
      detail: event.detail ?? '',
      prevHash: last?.hash ?? GENESIS,
    };
    this.db
      .prepare(
        'INSERT INTO audit (seq, at, actor, action, object, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.seq, row.at, row.actor, row.action, row.object, row.outcome, row.detail, row.prevHash, rowHash(row));
  }

  /** Appends in a transaction of its own (for events that change nothing else, like a refused unlock). */
  record(event: AuditEvent): void {
    this.db.transaction(() => this.append(event))();
  }

  list(filter: AuditFilter = {}): AuditRow[] {
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
    args.push(filter.limit ?? 10_000);
    return (this.db.prepare(sql).all(...args) as DbRow[]).map(fromDb);
  }

  /** Walks the chain from the first row; names the first row that was edited, or whose predecessor is gone or moved. */
  verify(): AuditVerdict {
    let expectedPrev = GENESIS;
    let expectedSeq = 1;
    let rows = 0;
    for (const raw of this.db.prepare('SELECT * FROM audit ORDER BY seq ASC').iterate() as IterableIterator<DbRow>) {
      const row = fromDb(raw);
      rows++;
      if (row.prevHash !== expectedPrev || row.seq !== expectedSeq) {
        return {
          intact: false,
          rows,
          seq: row.seq,
          problem: 'deleted-or-reordered',
          sentence: `Audit row ${row.seq} does not follow row ${expectedSeq - 1}: rows before it were deleted or reordered.`,
        };
      }
      if (rowHash(row) !== row.hash) {
        return {
          intact: false,
          rows,
          seq: row.seq,
          problem: 'edited',
          sentence: `Audit row ${row.seq} (${row.action} ${row.object}) was edited after it was written.`,
        };
      }
      expectedPrev = row.hash;
      expectedSeq = row.seq + 1;
    }
    return { intact: true, rows };
  }
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

function fromDb(r: DbRow): AuditRow {
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

function rowHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor,
    row.action,
    row.object,
    row.outcome,
    row.detail,
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** RFC 4180 CSV of the rows, oldest first. Cells that a spreadsheet would run as formulas are quoted with a leading apostrophe. */
export function auditCsv(rows: AuditRow[]): string {
  const header = ['seq', 'at', 'actor', 'action', 'object', 'outcome', 'detail', 'hash'];
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [...rows]
    .sort((a, b) => a.seq - b.seq)
    .map((r) => [r.seq, r.at, r.actor, r.action, r.object, r.outcome, r.detail, r.hash].map(cell).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
