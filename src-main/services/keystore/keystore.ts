import {
  timingSafeEqual,
  createCipheriv,
  createPrivateKey,
  generateKey,
  generateKeyPair,
  randomUUID,
  X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { CustosError, fail, BoundaryCode, KeystoreCode, ListEntriesInputSchema, TokenCode } from '../../contract';
import type {
  CreateKekInput,
  CreateSecretKeyInput,
  EntryPage,
  EntryState,
  EntryType,
  EntryView,
  ListEntriesInput,
} from '../../contract';
import type { AuditLog } from '../audit';
import { createSelfSignedCertificate, inspectCertificate } from '../certs';
import type { StationDatabase } from '../station';
import type { Vault } from '../vault';
import { bindingData, certificateColumnsAgree } from './binding';
import { EntryStore, toView } from './entry-store';
import type { EntryRow } from './entry-store';
import { labelKey, normalizeLabel } from './labels';

const generateKeyPairAsync = promisify(generateKeyPair);
const generateKeyAsync = promisify(generateKey);

/** Secret material handed to a caller inside main; wipe `secret` when done. */
export interface EntrySecret {
  entry: EntryView;
  secret: Buffer;
}

/** What an import or another store hands the keystore to add; secrets are wiped after sealing. */
export interface NewEntry {
  label: string;
  type: EntryType;
  origin: string;
  /** PKCS#8 DER for a KEK, raw bytes for a secret key. */
  secret?: Buffer;
  certificateDer?: Buffer;
  algorithm?: string;
  keyBits?: number;
  /** A client identity's certificate request, kept until the signed certificate is attached. */
  csrPem?: string;
  /** Where the secret half lives when not sealed here: `token:NAME` (no `secret` then). */
  store?: string;
}

/** Options of destroy; `cartridgesRewritten` is the custodian's statement that no cartridge needs the key. */
export interface DestroyOptions {
  cartridgesRewritten?: boolean;
}

/** Asked inside destroy's transaction; throws to refuse (another service knows why a key must stay). */
export type DestroyCheck = (label: string, options: DestroyOptions) => void;

/**
 * Opens an RSA-OAEP (SHA-256) wrapped data key with an entry's private key where that key lives
 * outside the vault (a token); null when the key does not open it.
 */
export type KeyUnwrapper = (entry: EntryView, wrapped: Buffer) => Buffer | null;

/**
 * The station keystore: KEKs (RSA key pair + certificate), public KEKs (certificate only),
 * secret keys (AES) and trusted certificates. Metadata is in the clear; secret halves are
 * sealed under the vault key with the entry's id, type and certificate bound in.
 */
export class Keystore {
  private readonly store: EntryStore;
  private readonly destroyChecks: DestroyCheck[] = [];
  private readonly unwrappers = new Map<string, KeyUnwrapper>();

  constructor(
    private readonly db: StationDatabase,
    private readonly vault: Vault,
    private readonly audit: AuditLog,
  ) {
    this.store = new EntryStore(db);
    // Rows written before bindings existed are bound the first time the vault opens.
    vault.onChanged((state) => {
      if (state === 'unlocked') this.bindUnboundEntries();
    });
  }

  list(): EntryView[] {
    this.vault.requireUnlocked();
    return this.store.all().map((row) => toView(this.verified(row)));
  }

  /**
   * One page of entries in label order, filtered in SQL. Each row on the page is checked against
   * its binding (a tampered row is named, as in list), so a page costs its own rows' checks only.
   */
  page(input: ListEntriesInput = {}): EntryPage {
    this.vault.requireUnlocked();
    const { offset, limit, filter } = ListEntriesInputSchema.parse(input);
    const { rows, matching, total } = this.store.page(filter ?? {}, offset, limit, new Date());
    return { entries: rows.map((row) => toView(this.verified(row))), matching, total };
  }

  show(label: string): EntryView {
    this.vault.requireUnlocked();
    return toView(this.find(label));
  }

  async createKek(input: CreateKekInput): Promise<EntryView> {
    const label = this.freeLabel(input.label);
    this.vault.requireUnlocked();
    const bits = input.bits ?? 3072;
    const { publicKey, privateKey } = await generateKeyPairAsync('rsa', {
      modulusLength: bits,
      publicExponent: 0x10001,
    });
    const certificateDer = createSelfSignedCertificate({
      publicKey,
      privateKey,
      subject: input.subject ?? `CN=${label.replace(/[,\\/]/g, ' ')}`,
      days: input.days ?? 3650,
      profile: 'kek',
    });
    const secret = privateKey.export({ type: 'pkcs8', format: 'der' });
    return this.add(
      { label, type: 'kek', origin: 'generated', secret, certificateDer },
      'keystore.create-kek',
      `RSA-${bits}`,
    );
  }

  async createSecretKey(input: CreateSecretKeyInput): Promise<EntryView> {
    const label = this.freeLabel(input.label);
    this.vault.requireUnlocked();
    const bits = input.bits ?? 256;
    const key = await generateKeyAsync('aes', { length: bits });
    return this.add(
      { label, type: 'secret-key', origin: 'generated', secret: key.export(), algorithm: 'AES', keyBits: bits },
      'keystore.create-key',
      `AES-${bits}`,
    );
  }

  /** Adds one entry in one transaction with its audit row. Wipes `entry.secret`. */
  add(entry: NewEntry, action = 'keystore.add', detail = ''): EntryView {
    const [view] = this.insertAll([entry], action, () => detail || `${entry.type} from ${entry.origin}`);
    if (!view) fail(BoundaryCode.Internal, 'The entry was not added.');
    return view;
  }

  /** Adds several entries all-or-nothing (an import): one transaction, one audit row each. Wipes every secret. */
  addAll(entries: NewEntry[], source: string): EntryView[] {
    return this.insertAll(entries, 'keystore.import', (e) => `${e.type} from ${source}`);
  }

  private insertAll(entries: NewEntry[], action: string, detail: (e: NewEntry) => string): EntryView[] {
    this.vault.requireUnlocked();
    try {
      const rows = entries.map((entry) => this.buildRow({ ...entry, label: normalizeLabel(entry.label) }));
      this.db.transaction(() => {
        for (const [i, row] of rows.entries()) {
          if (this.store.byLabel(row.label_key)) throw labelTaken(row.label);
          this.store.insert(row);
          this.audit.append({ action, object: row.label, outcome: 'ok', detail: detail(entries[i] as NewEntry) });
        }
      })();
      return rows.map(toView);
    } finally {
      for (const entry of entries) entry.secret?.fill(0);
    }
  }

  /** Marking compromised is final, so it needs the label typed again as `confirm`. */
  setState(label: string, state: Exclude<EntryState, 'destroyed'>, confirm?: string): EntryView {
    this.vault.requireUnlocked();
    const row = this.find(label);
    if (row.state === 'destroyed') throw destroyed(row.label);
    if (state === 'compromised' && row.state !== 'compromised' && confirm?.trim() !== row.label) {
      fail(
        KeystoreCode.CompromiseNotConfirmed,
        `Marking "${row.label}" compromised cannot be undone: type its label exactly as confirmation (--confirm on the command line). Nothing was changed.`,
      );
    }
    if (row.state === 'compromised' && state !== 'compromised') {
      fail(
        KeystoreCode.EntryCompromised,
        `"${row.label}" is marked compromised; a compromised key never becomes usable again.`,
      );
    }
    const updated_at = new Date().toISOString();
    this.db.transaction(() => {
      this.store.update(row.id, { state, updated_at, binding: this.bind({ ...row, state }) });
      this.audit.append({
        action: 'keystore.set-state',
        object: row.label,
        outcome: 'ok',
        detail: `${row.state} -> ${state}`,
      });
    })();
    return toView({ ...row, state, updated_at });
  }

  setNotes(label: string, notes: string): EntryView {
    this.vault.requireUnlocked();
    const row = this.find(label);
    const updated_at = new Date().toISOString();
    this.db.transaction(() => {
      this.store.update(row.id, { notes, updated_at });
      this.audit.append({ action: 'keystore.set-notes', object: row.label, outcome: 'ok' });
    })();
    return toView({ ...row, notes, updated_at });
  }

  /** Another service's veto on destroy (devices: cartridges that still need the key), injected so services do not import each other in a cycle. */
  addDestroyCheck(check: DestroyCheck): void {
    this.destroyChecks.push(check);
  }

  /** Erases the secret half for good; the metadata, certificate and audit trail stay. */
  destroy(label: string, confirm: string, options: DestroyOptions = {}): EntryView {
    this.vault.requireUnlocked();
    const row = this.find(label);
    if (confirm.trim() !== row.label) {
      fail(
        KeystoreCode.DestroyNotConfirmed,
        `To destroy "${row.label}", type its label exactly as confirmation; nothing was destroyed.`,
      );
    }
    if (row.state === 'destroyed') throw destroyed(row.label);
    const updated_at = new Date().toISOString();
    this.db.transaction(() => {
      for (const check of this.destroyChecks) check(row.label, options);
      this.store.update(row.id, {
        state: 'destroyed',
        sealed: null,
        updated_at,
        binding: this.bind({ ...row, state: 'destroyed', sealed: null }),
      });
      this.audit.append({ action: 'keystore.destroy', object: row.label, outcome: 'ok', detail: row.type });
    })();
    // secure_delete zeroed the freed pages; push them out of the WAL too.
    this.db.wipeFreedPages();
    return toView({ ...row, state: 'destroyed', sealed: null, updated_at });
  }

  /**
   * Gives a client identity its CA-signed certificate (the CSR path): checked against the key,
   * then the sealed key is re-bound to the new certificate in the same transaction.
   */
  attachCertificate(label: string, certificateDer: Buffer): EntryView {
    const row = this.find(label);
    if (row.type !== 'client-identity')
      fail(
        KeystoreCode.EntryNotIdentity,
        `"${row.label}" is not a client identity; only those take a signed certificate.`,
      );
    const { secret } = this.open(row);
    try {
      checkKeyMatchesCertificate({ label: row.label, type: row.type, origin: row.origin, secret, certificateDer });
      const facts = inspectCertificate(certificateDer);
      const updated: EntryRow = {
        ...row,
        cert_der: certificateDer,
        cert_sha256: facts.sha256,
        cert_sha1: facts.sha1,
        spki_sha256: facts.spkiSha256,
        subject: facts.subject,
        issuer: facts.issuer,
        not_before: facts.notBefore,
        not_after: facts.notAfter,
        san: facts.subjectAltNames.join('\n'),
        self_signed: facts.selfSigned ? 1 : 0,
        csr_pem: null,
        updated_at: new Date().toISOString(),
      };
      updated.sealed = this.vault.sealFor(row.id, sealBinding(updated), secret);
      updated.binding = this.bind(updated);
      this.db.transaction(() => {
        this.store.replaceCertificate(updated);
        this.audit.append({
          action: 'keystore.import-signed',
          object: row.label,
          outcome: 'ok',
          detail: `issuer ${facts.issuer}`,
        });
      })();
      return toView(updated);
    } finally {
      secret.fill(0);
    }
  }

  /** The secret half of an entry, for use inside main only (EEDK unwrap, export). Wipe it after use. */
  secretOf(label: string): EntrySecret {
    this.vault.requireUnlocked();
    return this.open(this.find(label));
  }

  /** Lets another store (a token) open wrapped keys for its entries: `kind` is the part of `store` before ':'. */
  registerUnwrapper(kind: string, unwrapper: KeyUnwrapper): void {
    this.unwrappers.set(kind, unwrapper);
  }

  /** The unwrapper of the store holding this entry's private key; null when it is sealed in the vault. */
  unwrapperFor(label: string): KeyUnwrapper | null {
    const row = this.find(label);
    if (row.store === 'vault') return null;
    const unwrapper = this.unwrappers.get(storeKind(row.store));
    if (!unwrapper)
      fail(TokenCode.Unknown, `"${row.label}" lives on ${row.store}, which this station cannot reach now.`);
    return unwrapper;
  }

  /** Entries whose public key has this SPKI SHA-256 (the EEDK hash label). */
  bySpki(spkiSha256: string): EntryView[] {
    this.vault.requireUnlocked();
    return this.store.bySpki(spkiSha256).map((row) => toView(this.verified(row)));
  }

  certificateOf(label: string): Buffer {
    this.vault.requireUnlocked();
    const row = this.find(label);
    if (!row.cert_der)
      fail(KeystoreCode.EntryHasNoCertificate, `"${row.label}" is a secret key; it has no certificate.`);
    return row.cert_der;
  }

  /** The pending certificate request of a client identity, if any. */
  csrOf(label: string): string | null {
    this.vault.requireUnlocked();
    return this.find(label).csr_pem;
  }

  secretById(id: string): EntrySecret {
    const row = this.store.byId(id);
    if (!row) throw unknownLabel(id);
    return this.open(this.verified(row));
  }

  /** Picks a label not yet used, for imports that resolve a clash by renaming: "Label (2)". */
  freeVariantOf(label: string, taken: Set<string> = this.store.labelKeys()): string {
    const base = normalizeLabel(label);
    for (let n = 2; ; n++) {
      const suffix = ` (${n})`;
      const candidate = `${[...base].slice(0, 64 - suffix.length).join('')}${suffix}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }

  /** How many entries hold a secret sealed under the vault key. */
  sealedCount(): number {
    return this.store.sealedCount();
  }

  isLabelTaken(label: string): boolean {
    return this.store.byLabel(labelKey(label)) !== undefined;
  }

  // --- internals ------------------------------------------------------------------------

  private open(row: EntryRow): EntrySecret {
    if (row.store !== 'vault' && row.state !== 'destroyed') {
      fail(
        TokenCode.KeyNotExtractable,
        `The private key of "${row.label}" lives on ${row.store.replace(/^token:/, 'the token ')} and never leaves it (CKA_EXTRACTABLE false); export its certificate instead, or use the key where it is.`,
      );
    }
    if (row.state === 'destroyed' || !row.sealed) {
      throw row.state === 'destroyed'
        ? destroyed(row.label)
        : new CustosError(
            KeystoreCode.EntryPublicOnly,
            `"${row.label}" holds only a public key; the private key is at another site.`,
          );
    }
    const secret = this.vault.unsealFor(row.id, sealBinding(row), row.sealed);
    if (!secret) {
      this.audit.record({
        action: 'keystore.integrity',
        object: row.label,
        outcome: 'failed',
        detail: 'sealed material fails its integrity check',
      });
      fail(
        KeystoreCode.EntryTampered,
        `The stored key material of "${row.label}" fails its integrity check: it was changed outside Custos. Other entries are not affected; restore this one from a backup.`,
      );
    }
    return { entry: toView(row), secret };
  }

  private buildRow(entry: NewEntry & { label: string }): EntryRow {
    const now = new Date().toISOString();
    const id = randomUUID();
    const facts = entry.certificateDer ? inspectCertificate(entry.certificateDer) : null;
    // A client identity may wait for its CA-signed certificate (CSR path); every other certificate type needs one now.
    if ((entry.type === 'kek' || entry.type === 'public-kek' || entry.type === 'trusted-certificate') && !facts) {
      fail(KeystoreCode.EntryNeedsCertificate, `"${entry.label}" needs a certificate.`);
    }
    if (entry.type === 'kek' || entry.type === 'client-identity') checkKeyMatchesCertificate(entry);
    const keyBits = facts?.keyBits ?? entry.keyBits ?? (entry.secret ? entry.secret.length * 8 : 0);
    const algorithm = facts?.keyType ?? entry.algorithm ?? (entry.type === 'client-identity' ? 'RSA' : 'AES');
    const row: EntryRow = {
      id,
      label: entry.label,
      label_key: labelKey(entry.label),
      type: entry.type,
      state: 'active',
      algorithm,
      key_bits: keyBits,
      usage: USAGE[entry.type],
      notes: '',
      origin: entry.origin,
      store: entry.store ?? 'vault',
      sealed: null,
      kcv: entry.type === 'secret-key' && entry.secret ? keyCheckValue(entry.secret) : null,
      cert_der: entry.certificateDer ?? null,
      cert_sha256: facts?.sha256 ?? null,
      cert_sha1: facts?.sha1 ?? null,
      spki_sha256: facts?.spkiSha256 ?? null,
      subject: facts?.subject ?? null,
      issuer: facts?.issuer ?? null,
      not_before: facts?.notBefore ?? null,
      not_after: facts?.notAfter ?? null,
      san: facts ? facts.subjectAltNames.join('\n') : null,
      self_signed: facts ? (facts.selfSigned ? 1 : 0) : null,
      csr_pem: entry.csrPem ?? null,
      created_at: now,
      updated_at: now,
      binding: null,
    };
    if (entry.secret && (entry.type === 'kek' || entry.type === 'secret-key' || entry.type === 'client-identity')) {
      row.sealed = this.vault.sealFor(id, sealBinding(row), entry.secret);
    }
    row.binding = this.bind(row);
    return row;
  }

  private freeLabel(raw: string): string {
    const label = normalizeLabel(raw);
    if (this.store.byLabel(labelKey(label))) throw labelTaken(label);
    return label;
  }

  private find(raw: string): EntryRow {
    const row = this.store.byLabel(labelKey(raw));
    if (!row) throw unknownLabel(normalizeLabel(raw));
    return this.verified(row);
  }

  private bind(row: EntryRow): string {
    return this.vault.macFor('entry', bindingData(row));
  }

  /**
   * Every row is checked against its binding before it is shown or used: a certificate swapped
   * under a KEK, a label, type, state or usage edited in the database, is named, never believed.
   */
  private verified(row: EntryRow): EntryRow {
    const expected = Buffer.from(this.bind(row), 'hex');
    const stored = Buffer.from(row.binding ?? '', 'hex');
    if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
      this.audit.record({
        action: 'keystore.integrity',
        object: row.label,
        outcome: 'failed',
        detail: row.binding === null ? 'entry not bound' : 'entry fields fail their binding',
      });
      fail(
        KeystoreCode.EntryTampered,
        `The entry "${row.label}" was changed outside Custos (its certificate, label, type, state or usage no longer match what this station recorded). Do not use it: restore it from a backup, or destroy it and import it again from a source you trust.`,
      );
    }
    return row;
  }

  /**
   * Binds rows written before bindings existed. A row whose certificate bytes no longer match
   * its fingerprint column is left unbound, so it is named as tampered instead of trusted.
   */
  private bindUnboundEntries(): void {
    const rows = this.store.unbound().filter(certificateColumnsAgree);
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const row of rows) this.store.update(row.id, { binding: this.bind(row) });
      this.audit.append({
        action: 'keystore.bind',
        object: 'keystore',
        outcome: 'ok',
        detail: `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'} written before bindings`,
      });
    })();
  }
}

const USAGE: Record<EntryType, string> = {
  kek: 'wrap and unwrap data keys',
  'public-kek': 'wrap data keys for a partner site',
  'secret-key': 'symmetric key',
  'trusted-certificate': 'trust anchor',
  'client-identity': "this station's TLS client identity for key servers",
};

/** `token:Vault HSM` -> `token`. */
function storeKind(store: string): string {
  return store.split(':', 1)[0] ?? store;
}

/** Binds sealed bytes to their row: id, type and the certificate they belong with. */
function sealBinding(row: Pick<EntryRow, 'type' | 'cert_sha256'>): string {
  return `${row.type}|${row.cert_sha256 ?? ''}`;
}

/** First 3 bytes of AES-ECB(key, 0^128), hex: the usual key check value. */
export function keyCheckValue(key: Buffer): string {
  const cipher = createCipheriv(`aes-${key.length * 8}-ecb`, key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.alloc(16)), cipher.final()])
    .subarray(0, 3)
    .toString('hex')
    .toUpperCase();
}

function checkKeyMatchesCertificate(entry: NewEntry): void {
  if (!entry.secret || !entry.certificateDer) return;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: entry.secret, format: 'der', type: 'pkcs8' });
  } catch {
    fail(KeystoreCode.KeyInvalid, `The private key of "${entry.label}" is not a readable PKCS#8 key.`);
  }
  const certificate = new X509Certificate(entry.certificateDer);
  if (!certificate.checkPrivateKey(key)) {
    fail(
      KeystoreCode.KeyCertMismatch,
      `The private key of "${entry.label}" does not belong to its certificate (${certificate.subject.split('\n').join(', ')}).`,
    );
  }
}

function labelTaken(label: string): CustosError {
  return new CustosError(
    KeystoreCode.LabelTaken,
    `The label "${label}" is already used on this station (labels are not case-sensitive); choose another.`,
  );
}

function unknownLabel(label: string): CustosError {
  return new CustosError(KeystoreCode.EntryUnknown, `This station holds no key labelled "${label}".`);
}

function destroyed(label: string): CustosError {
  return new CustosError(KeystoreCode.EntryDestroyed, `"${label}" was destroyed; its key material no longer exists.`);
}
