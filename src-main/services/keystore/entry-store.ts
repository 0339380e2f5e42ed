import type { EntryState, EntryType, EntryView } from '../../contract';
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
