import type { EntryFilter, EntryState, EntryType, EntryView } from '../../contract';
import type { StationDatabase } from '../station';

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
  constructor(private readonly db: StationDatabase) {}

  insert(row: EntryRow): void {
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

  /** One page in label order, and how many entries match and exist (see EntryFilterSchema for what matches). */
  page(
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
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    this.db
      .prepare(`UPDATE entries SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
      .run({ ...fields, id });
  }

  /** A client identity's signed certificate, its facts and the key sealed again to it; the request is done with. */
  replaceCertificate(row: EntryRow): void {
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
