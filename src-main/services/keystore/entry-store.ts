import type { EntryFilter, EntryState, EntryType, EntryView } from '../../contract';
import type { StationDatabase } from '../station';
import { ListingIndex } from './listing-index';
import type { ListingColumns } from './listing-index';

/** One row of the entries table, as stored. `sealed` is ciphertext under the vault key. */
export interface EntryRow {
  id: string;
  label: string;
  label_key: string;
  type: EntryType;
  state: EntryState;
  algorithm: string;
  key_bits: number;
  usage: string;
  notes: string;
  origin: string;
  store: string;
  sealed: Buffer | null;
  kcv: string | null;
  cert_der: Buffer | null;
  cert_sha256: string | null;
  cert_sha1: string | null;
  spki_sha256: string | null;
  subject: string | null;
  issuer: string | null;
  not_before: string | null;
  not_after: string | null;
  san: string | null;
  self_signed: number | null;
  csr_pem: string | null;
  created_at: string;
  updated_at: string;
  /** HMAC under the vault key over the security-relevant fields (binding.ts); null only for rows written before it. */
  binding: string | null;
}

const COLUMNS = [
  'id',
  'label',
  'label_key',
  'type',
  'state',
  'algorithm',
  'key_bits',
  'usage',
  'notes',
  'origin',
  'store',
  'sealed',
  'kcv',
  'cert_der',
  'cert_sha256',
  'cert_sha1',
  'spki_sha256',
  'subject',
  'issuer',
  'not_before',
  'not_after',
  'san',
  'self_signed',
  'csr_pem',
  'created_at',
  'updated_at',
  'binding',
] as const;

/** The keystore's SQL, in one place. */
export class EntryStore {
  /** The listing in memory (listing-index.ts), built on the first list after a change; null: build it again. */
  private listing: { index: ListingIndex | null; dataVersion: number } | null = null;
  private warming: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly db: StationDatabase) {}

  /** Every write to entries goes through this class and drops the listing first, so no list sees a stale one. */
  private changed(): void {
    this.listing = null;
  }

  insert(row: EntryRow): void {
    this.changed();
    this.db
      .prepare(`INSERT INTO entries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`)
      .run(row);
  }

  byId(id: string): EntryRow | undefined {
    return this.db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
  }

  byLabel(labelKey: string): EntryRow | undefined {
    return this.db.prepare('SELECT * FROM entries WHERE label_key = ?').get(labelKey) as EntryRow | undefined;
  }

  bySpki(spkiSha256: string): EntryRow[] {
    return this.db.prepare('SELECT * FROM entries WHERE spki_sha256 = ?').all(spkiSha256) as EntryRow[];
  }

  all(): EntryRow[] {
    return this.db.prepare('SELECT * FROM entries ORDER BY label_key').all() as EntryRow[];
  }

  /**
   * One page in label order, and how many entries match and exist (see EntryFilterSchema for
   * what matches). A filtered page is found in memory over the listing (listing-index.ts), then
   * only its rows are read by rowid; the unfiltered list is cheap in SQL and needs no listing.
   * Inside a transaction (its writes may yet be rolled back) SQL answers.
   */
  page(
    filter: EntryFilter,
    offset: number,
    limit: number,
    now: Date,
  ): { rows: EntryRow[]; matching: number; total: number } {
    const filtered = Object.values(filter).some((v) => v !== undefined && v !== '');
    if (!filtered || this.db.inTransaction) {
      if (!filtered) this.warmListing();
      return this.pageInSql(filter, offset, limit, now);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const index = this.listingIndex();
      const found = index?.page(filter, offset, limit, now);
      if (!index || !found) break;
      const rows = this.byRowids(found.rowids);
      // A row gone or relabelled under a listing thought current (never expected: every write
      // drops it): build it again rather than show a page that is not the table's.
      if (rows.every((row, i) => row?.label_key === found.labelKeys[i]))
        return { rows: rows as EntryRow[], matching: found.matching, total: index.total };
      this.listing = null;
    }
    return this.pageInSql(filter, offset, limit, now);
  }

  /**
   * Builds the listing just after an unfiltered page was answered (the screen's first rows), so
   * the first keystroke in a search does not wait for it (hundreds of ms at 100,000 entries).
   */
  private warmListing(): void {
    if (this.listing || this.warming) return;
    this.warming = setTimeout(() => {
      this.warming = null;
      try {
        if (!this.db.inTransaction) this.listingIndex();
      } catch {
        // The station closed in between (a CLI run): the next filtered list builds it.
      }
    }, 0);
    this.warming.unref?.();
  }

  /**
   * The listing, current: built again after this store wrote, or when another connection (a
   * second process, a hand edit) committed; null when its columns cannot be read apart.
   */
  private listingIndex(): ListingIndex | null {
    const dataVersion = this.db.prepare('PRAGMA data_version').pluck().get() as number;
    if (this.listing?.dataVersion === dataVersion) return this.listing.index;
    // From the covering index alone, in its order: no row, no certificate is read.
    const columns = this.db
      .prepare(
        `SELECT count(*) AS count, group_concat(rowid, ',') AS rowids,
           group_concat(label_key, char(30)) AS labelKeys, group_concat(type, char(30)) AS types,
           group_concat(state, char(30)) AS states, group_concat(store, char(30)) AS stores,
           group_concat(ifnull(not_after, ''), char(30)) AS notAfter, group_concat(ifnull(kcv, ''), char(30)) AS kcvs,
           group_concat(ifnull(fingerprint, ''), char(30)) AS fingerprints, group_concat(ifnull(spki_sha256, ''), char(30)) AS keyHashes
         FROM (SELECT rowid, label_key, type, state, store, not_after, kcv, replace(lower(cert_sha256), ':', '') AS fingerprint, spki_sha256
               FROM entries INDEXED BY entries_listing ORDER BY label_key)`,
      )
      .get() as ListingColumns;
    const index = ListingIndex.build(columns);
    this.listing = { index, dataVersion };
    return index;
  }

  /** Rows by rowid, in the order asked; undefined where one is gone. */
  private byRowids(rowids: number[]): (EntryRow | undefined)[] {
    if (rowids.length === 0) return [];
    const found = this.db
      .prepare(`SELECT rowid AS listing_rowid, * FROM entries WHERE rowid IN (${rowids.map(() => '?').join(',')})`)
      .all(...rowids) as (EntryRow & { listing_rowid?: number })[];
    const byRowid = new Map<number, EntryRow>();
    for (const row of found) {
      const rowid = row.listing_rowid as number;
      delete row.listing_rowid;
      byRowid.set(rowid, row);
    }
    return rowids.map((rowid) => byRowid.get(rowid));
  }

  /** The same page asked of SQLite (filterClause below): the reference the listing is tested against. */
  pageInSql(
    filter: EntryFilter,
    offset: number,
    limit: number,
    now: Date,
  ): { rows: EntryRow[]; matching: number; total: number } {
    const { where, params } = filterClause(filter, now);
    // The filter runs over the listing index alone (see migration 8); only the page's rows are read.
    const listing = `FROM entries INDEXED BY entries_listing ${where}`;
    const rows = this.db
      .prepare(
        `SELECT * FROM entries WHERE rowid IN (SELECT rowid ${listing} ORDER BY label_key LIMIT @limit OFFSET @offset) ORDER BY label_key`,
      )
      .all({ ...params, limit, offset }) as EntryRow[];
    const total = this.db.prepare('SELECT count(*) FROM entries').pluck().get() as number;
    // A page that is not full and did not skip past the end already says how many match.
    const matching =
      where === ''
        ? total
        : rows.length < limit && (rows.length > 0 || offset === 0)
          ? offset + rows.length
          : (this.db.prepare(`SELECT count(*) ${listing}`).pluck().get(params) as number);
    return { rows, matching, total };
  }

  /** Entries whose secret is sealed under the vault key. */
  sealedCount(): number {
    return this.db.prepare('SELECT count(*) FROM entries WHERE sealed IS NOT NULL').pluck().get() as number;
  }

  labelKeys(): Set<string> {
    return new Set(this.db.prepare('SELECT label_key FROM entries').pluck().all() as string[]);
  }

  /** Rows written before bindings existed. */
  unbound(): EntryRow[] {
    return this.db.prepare('SELECT * FROM entries WHERE binding IS NULL').all() as EntryRow[];
  }

  update(id: string, fields: Partial<Pick<EntryRow, 'state' | 'notes' | 'sealed' | 'updated_at' | 'binding'>>): void {
    this.changed();
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    this.db
      .prepare(`UPDATE entries SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
      .run({ ...fields, id });
  }

  /** A client identity's signed certificate, its facts and the key sealed again to it; the request is done with. */
  replaceCertificate(row: EntryRow): void {
    this.changed();
    this.db
      .prepare(
        'UPDATE entries SET csr_pem=NULL, cert_der=@cert_der, cert_sha256=@cert_sha256, cert_sha1=@cert_sha1, spki_sha256=@spki_sha256, subject=@subject, issuer=@issuer, not_before=@not_before, not_after=@not_after, san=@san, self_signed=@self_signed, sealed=@sealed, updated_at=@updated_at, binding=@binding WHERE id=@id',
      )
      .run(row);
  }
}

/**
 * The WHERE clause for a filter, reading only columns of the entries_listing index. A query
 * matches a label anywhere in it; 4+ hex digits also match a certificate's SHA-256 (colons
 * dropped) or key hash; a query also matches a secret key's check value typed in full.
 */
function filterClause(filter: EntryFilter, now: Date): { where: string; params: Record<string, string> } {
  const terms: string[] = [];
  const params: Record<string, string> = {};
  if (filter.type) {
    terms.push('type = @type');
    params.type = filter.type;
  }
  if (filter.state) {
    terms.push('state = @state');
    params.state = filter.state;
  }
  if (filter.store) {
    terms.push('store = @store');
    params.store = filter.store;
  }
  if (filter.expiry) {
    const days = filter.expiry === 'expired' ? 0 : Number(filter.expiry);
    terms.push('not_after IS NOT NULL AND not_after < @horizon');
    params.horizon = new Date(now.getTime() + days * 86_400_000).toISOString();
  }
  const query = (filter.query ?? '').normalize('NFC').trim().toLowerCase();
  if (query) {
    const hex = query.replace(/[:\s]/g, '');
    const either = ['instr(label_key, @query) > 0', 'kcv = upper(@query)'];
    params.query = query;
    // Fingerprints are hex: a query with any other letter in it cannot be part of one.
    if (hex.length >= 4 && /^[0-9a-f]+$/.test(hex)) {
      either.push("instr(replace(lower(cert_sha256), ':', ''), @hex) > 0", 'instr(spki_sha256, @hex) > 0');
      params.hex = hex;
    }
    terms.push(`(${either.join(' OR ')})`);
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

export function toView(row: EntryRow): EntryView {
  return {
    id: row.id,
    label: row.label,
    type: row.type,
    state: row.state,
    algorithm: row.algorithm,
    keyBits: row.key_bits,
    usage: row.usage,
    notes: row.notes,
    origin: row.origin,
    store: row.store,
    // A token entry's private key is held by the token, not sealed here.
    hasSecret: row.sealed !== null || (row.store !== 'vault' && row.state !== 'destroyed'),
    kcv: row.kcv,
    certificate:
      row.cert_sha256 && row.spki_sha256
        ? {
            subject: row.subject ?? '',
            issuer: row.issuer ?? '',
            notBefore: row.not_before ?? '',
            notAfter: row.not_after ?? '',
            sha256: row.cert_sha256,
            sha1: row.cert_sha1 ?? '',
            spkiSha256: row.spki_sha256,
            subjectAltNames: row.san ? row.san.split('\n') : [],
            selfSigned: row.self_signed === 1,
          }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
