import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuditFilter, AuditRowView, AuditVerdictView } from '../../contract';
import type { StationDatabase } from '../station';
import { AuditSealStore, AuditStore } from './store';
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
  private readonly seals: AuditSealStore;
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
  ) {
    this.store = new AuditStore(db);
    this.seals = new AuditSealStore(db);
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
    const hash = rowHash(row);
    this.store.insert({ ...row, hash });
    if (this.sealer) this.writeSeal(row.seq, hash, this.seals.get()?.since_seq ?? row.seq);
  }

  /**
   * The vault opened: rows appended while it was locked (refused unlocks, locks) are taken under
   * the seal, but only if the chain up to the old seal is intact; otherwise verify names the
   * damage. 'created': a new vault seals its log from the first row; 'legacy': a station from
   * before sealing starts its seal here and the log says so (true is returned).
   */
  attachSealer(mac: (data: string) => string | null, era: 'created' | 'sealed' | 'legacy'): boolean {
    this.sealer = mac;
    this.sealExpected = era === 'sealed';
    if (!this.verify().intact) return false;
    const last = this.store.last();
    if (!last) return false;
    const seal = this.seals.get();
    if (seal) {
      this.db.transaction(() => this.writeSeal(last.seq, last.hash, seal.since_seq))();
      return false;
    }
    if (era === 'created') {
      this.db.transaction(() => this.writeSeal(last.seq, last.hash, this.seals.firstSeq() ?? last.seq))();
      this.sealExpected = true;
      return false;
    }
    this.db.transaction(() => {
      this.append({
        action: 'audit.seal-started',
        object: 'audit log',
        outcome: 'ok',
        detail: `rows from ${last.seq + 1} on are sealed under the vault key; earlier rows only by their chain`,
      });
      const head = this.store.last();
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
    return this.checkSeal(rows, expectedSeq - 1, expectedPrev);
  }

  private checkSeal(rows: number, lastSeq: number, lastHash: string): AuditVerdictView {
    const seal = this.seals.get();
    if (!seal && this.sealExpected) {
      return {
        intact: false,
        rows,
        seq: lastSeq,
        sentence: `The audit log's seal is missing: this vault sealed its log, so the seal was deleted outside Custos, and rows may have been cut from its end (it now ends at row ${lastSeq}).`,
      };
    }
    if (!seal) {
      return {
        intact: true,
        rows,
        seq: null,
        sentence: `All ${rows} audit rows are intact and in order. The log is not sealed yet: it will be at the next unlock.`,
      };
    }
    if (seal.seq > lastSeq) {
      return {
        intact: false,
        rows,
        seq: lastSeq + 1,
        sentence: `The audit log ends at row ${lastSeq}, but it was sealed through row ${seal.seq}: rows ${lastSeq + 1} to ${seal.seq} were cut from its end.`,
      };
    }
    const sealedHash = seal.seq === lastSeq ? lastHash : this.seals.hashOf(seal.seq);
    const expected = this.sealer?.(sealData(seal.seq, seal.hash)) ?? null;
    const forged = expected !== null && !sameHex(expected, seal.mac);
    if (sealedHash !== seal.hash || forged) {
      return {
        intact: false,
        rows,
        seq: seal.seq,
        sentence: `Audit row ${seal.seq} is not the row that was sealed: the chain was rewritten (or the seal replaced) outside Custos.`,
      };
    }
    const checked = expected
      ? `rows ${seal.since_seq} to ${seal.seq} are sealed under the vault key`
      : 'the seal was not checked because the vault is locked';
    const after = lastSeq > seal.seq ? ` (rows after ${seal.seq} were written while the vault was locked)` : '';
    return {
      intact: true,
      rows,
      seq: null,
      sentence: `All ${rows} audit rows are intact and in order; ${checked}${after}.`,
    };
  }

  private writeSeal(seq: number, hash: string, sinceSeq: number): void {
    const mac = this.sealer?.(sealData(seq, hash));
    if (!mac) return; // the vault is locking: this row waits for the next unlock
    this.seals.put({ seq, hash, mac, since_seq: sinceSeq });
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
