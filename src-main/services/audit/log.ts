import { createHash, timingSafeEqual } from 'node:crypto';
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
  | { intact: true; rows: number; sentence: string }
  | {
      intact: false;
      rows: number;
      seq: number;
      problem: 'edited' | 'deleted-or-reordered' | 'cut' | 'rewritten';
      sentence: string;
    };

/** The head of the chain as last sealed under the vault key. */
interface AuditSeal {
  seq: number;
  hash: string;
  mac: string;
  since_seq: number;
}

const GENESIS = '0'.repeat(64);

export class AuditLog {
  /**
   * While the vault is open, every appended row also moves the sealed head (its sequence and
   * hash under an HMAC keyed from the vault key). Rows cut from the end, or a chain recomputed
   * from the start, then no longer meet the seal, and without the vault key it cannot be redone.
   */
  private sealer: ((data: string) => string | null) | null = null;
  /** The open vault says its log is sealed: a missing seal was deleted. */
  private sealExpected = false;

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
    if (this.sealer) this.writeSeal(row.seq, rowHash(row), this.seal()?.since_seq ?? row.seq);
  }

  /**
   * The vault opened: rows appended while it was locked (refused unlocks, locks) are taken under
   * the seal, but only if the chain up to the old seal is intact; otherwise verify names the damage.
   */
  attachSealer(mac: (data: string) => string | null, era: 'created' | 'sealed' | 'legacy'): boolean {
    this.sealer = mac;
    this.sealExpected = era === 'sealed';
    const verdict = this.verify();
    if (!verdict.intact) return false;
    const last = this.lastRow();
    if (!last) return false;
    const seal = this.seal();
    if (seal) {
      this.db.transaction(() => this.writeSeal(last.seq, last.hash, seal.since_seq))();
      return false;
    }
    const first = this.db.prepare('SELECT min(seq) FROM audit').pluck().get() as number;
    if (era === 'created') {
      this.db.transaction(() => this.writeSeal(last.seq, last.hash, first))();
      this.sealExpected = true;
      return false;
    }
    // A station from before sealing: the seal starts here, and the log says so.
    this.db.transaction(() => {
      this.append({
        action: 'audit.seal-started',
        object: 'audit log',
        outcome: 'ok',
        detail: `rows from ${last.seq + 1} on are sealed under the vault key; earlier rows only by their chain`,
      });
      const head = this.lastRow();
      if (head) this.writeSeal(head.seq, head.hash, head.seq);
    })();
    this.sealExpected = true;
    return true;
  }

  /** The vault locked: rows appended from now on wait for the next unlock to be sealed. */
  detachSealer(): void {
    this.sealer = null;
    this.sealExpected = false;
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
    return this.checkSeal(rows, expectedSeq - 1, expectedPrev);
  }

  private checkSeal(rows: number, lastSeq: number, lastHash: string): AuditVerdict {
    const seal = this.seal();
    if (!seal && this.sealExpected) {
      return {
        intact: false,
        rows,
        seq: lastSeq,
        problem: 'cut',
        sentence: `The audit log's seal is missing: this vault sealed its log, so the seal was deleted outside Custos, and rows may have been cut from its end (it now ends at row ${lastSeq}).`,
      };
    }
    if (!seal) {
      return {
        intact: true,
        rows,
        sentence: `All ${rows} audit rows are intact and in order. The log is not sealed yet: it will be at the next unlock.`,
      };
    }
    if (seal.seq > lastSeq) {
      return {
        intact: false,
        rows,
        seq: lastSeq + 1,
        problem: 'cut',
        sentence: `The audit log ends at row ${lastSeq}, but it was sealed through row ${seal.seq}: rows ${lastSeq + 1} to ${seal.seq} were cut from its end.`,
      };
    }
    const sealedRow =
      seal.seq === lastSeq
        ? { hash: lastHash }
        : (this.db.prepare('SELECT hash FROM audit WHERE seq = ?').get(seal.seq) as { hash: string } | undefined);
    const expected = this.sealer?.(sealData(seal.seq, seal.hash)) ?? null;
    const forged = expected !== null && !sameHex(expected, seal.mac);
    if (!sealedRow || sealedRow.hash !== seal.hash || forged) {
      return {
        intact: false,
        rows,
        seq: seal.seq,
        problem: 'rewritten',
        sentence: `Audit row ${seal.seq} is not the row that was sealed: the chain was rewritten (or the seal replaced) outside Custos.`,
      };
    }
    const checked = expected
      ? `rows ${seal.since_seq} to ${seal.seq} are sealed under the vault key`
      : 'the seal was not checked because the vault is locked';
    const after = lastSeq > seal.seq ? ` (rows after ${seal.seq} were written while the vault was locked)` : '';
    return { intact: true, rows, sentence: `All ${rows} audit rows are intact and in order; ${checked}${after}.` };
  }

  private seal(): AuditSeal | undefined {
    return this.db.prepare('SELECT seq, hash, mac, since_seq FROM audit_seal WHERE id = 1').get() as
      AuditSeal | undefined;
  }

  private writeSeal(seq: number, hash: string, sinceSeq: number): void {
    const mac = this.sealer?.(sealData(seq, hash));
    if (!mac) return; // the vault is locking: this row waits for the next unlock
    this.db
      .prepare(
        'INSERT INTO audit_seal (id, seq, hash, mac, since_seq) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, since_seq = excluded.since_seq',
      )
      .run(seq, hash, mac, sinceSeq);
  }

  private lastRow(): { seq: number; hash: string } | undefined {
    return this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
  }
}

function sealData(seq: number, hash: string): string {
  return `custos:audit-head:v1|${seq}|${hash}`;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
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
