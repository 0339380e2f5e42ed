import { createHash } from 'node:crypto';
import type { AuditFilter, AuditRowView, AuditVerdictView } from '../../contract';
import type { StationDatabase } from '../station';
import { AuditStore } from './store';
import type { AuditRecord } from './store';

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

const GENESIS = '0'.repeat(64);

export class AuditLog {
  private readonly store: AuditStore;

  constructor(
    private readonly db: StationDatabase,
    private readonly actor: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.store = new AuditStore(db);
  }

  /** Appends one row. Call inside the transaction of the change it records. */
  append(event: AuditEvent): void {
    const last = this.store.last();
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
    this.store.insert({ ...row, hash: rowHash(row) });
  }

  /** Appends in a transaction of its own (for events that change nothing else, like a refused unlock). */
  record(event: AuditEvent): void {
    this.db.transaction(() => this.append(event))();
  }

  /** Rows that pass the filter, newest first. */
  list(filter: AuditFilter = {}): AuditRowView[] {
    return this.store.list(filter).map(({ prevHash: _chain, ...row }) => row);
  }

  /** Walks the chain from the first row; names the first row that was edited, or whose predecessor is gone or moved. */
  verify(): AuditVerdictView {
    let expectedPrev = GENESIS;
    let expectedSeq = 1;
    let rows = 0;
    for (const row of this.store.inOrder()) {
      rows++;
      if (row.prevHash !== expectedPrev || row.seq !== expectedSeq) {
        return {
          intact: false,
          rows,
          seq: row.seq,
          sentence: `Audit row ${row.seq} does not follow row ${expectedSeq - 1}: rows before it were deleted or reordered.`,
        };
      }
      if (rowHash(row) !== row.hash) {
        return {
          intact: false,
          rows,
          seq: row.seq,
          sentence: `Audit row ${row.seq} (${row.action} ${row.object}) was edited after it was written.`,
        };
      }
      expectedPrev = row.hash;
      expectedSeq = row.seq + 1;
    }
    return { intact: true, rows, seq: null, sentence: `All ${rows} audit rows are intact and in order.` };
  }
}

function rowHash(row: Omit<AuditRecord, 'hash'>): string {
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
export function auditCsv(rows: readonly AuditRowView[]): string {
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
