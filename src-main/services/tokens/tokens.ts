import { randomUUID, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CustosError, fail, KeystoreCode, TokenCode, VaultCode } from '../../contract';
import type {
  EntryView,
  SlotView,
  StationTokenView,
  TokenAddInput,
  TokenContentsView,
  TokenCreateKekInput,
  TokenInfoView,
  TokenModuleView,
} from '../../contract';
import type { AuditLog } from '../audit';
import type { Keystore, NewEntry } from '../keystore';
import { normalizeLabel } from '../keystore';
import type { StationDatabase } from '../station';
import type { Keychain, Vault } from '../vault';
import { createCertificateRequest } from '../certs';
import { certificateSignedOnToken, subjectDer } from './certificate';
import { attribute, describeObject, findObjects, rsaPublicKey } from './objects';
import { acquireModule, ck, installedModules, loadLibrary, releaseModule } from './pkcs11';
import type { Cryptoki, Handle, ModuleLoader } from './pkcs11';
import { ckrName, tokenRefusal } from './refusals';
import { TokenStore } from './store';
import type { TokenRow } from './store';
import { TokenSession } from './token-session';

export interface TokensOptions {
  db: StationDatabase;
  audit: AuditLog;
  vault: Vault;
  keystore: Keystore;
  /** The OS keychain, where a custodian may choose to keep a token's PIN; null: never. */
  keychain: Keychain | null;
  /** How PKCS#11 libraries are opened (tests wrap it to inject faults). */
  loadModule?: ModuleLoader;
}

/**
 * PKCS#11 tokens as a second store for keystore entries. A token is added under a name and found
 * again by its label (slot ids change); KEKs made on it never leave it: entries hold a handle
 * (token + CKA_ID) and EEDKs are unwrapped by the token in a session kept open while logged in.
 */
export class Tokens {
  private readonly store: TokenStore;
  private readonly sessions = new Map<string, TokenSession>();
  private readonly load: ModuleLoader;
  /** Supplies a PIN when a token is needed and not logged in (the CLI's CUSTOS_TOKEN_PIN). */
  private pinSource: ((tokenName: string) => string | null) | null = null;

  constructor(private readonly options: TokensOptions) {
    this.store = new TokenStore(options.db);
    this.load = options.loadModule ?? loadLibrary;
    options.keystore.registerUnwrapper('token', (entry, wrapped) => this.unwrap(entry, wrapped));
  }

  /** PKCS#11 modules installed where their packages put them. */
  installedModules(): string[] {
    return installedModules();
  }

  /** Every slot of a module (or of each installed module) and the token in it. */
  slots(modulePath?: string): TokenModuleView[] {
    const describe = (path: string): TokenModuleView =>
      this.withModule(path, (cryptoki) => {
        const info = cryptoki.C_GetInfo();
        return {
          path,
          description: info.libraryDescription.trim(),
          manufacturer: info.manufacturerID.trim(),
          slots: cryptoki.C_GetSlotList(false).map((slot) => slotView(cryptoki, slot)),
        };
      });
    if (modulePath) return [describe(modulePath)];
    // One installed module that will not start must not hide the others.
    return installedModules().map((path) => {
      try {
        return describe(path);
      } catch (e) {
        return { path, description: e instanceof Error ? e.message : 'unusable', manufacturer: '', slots: [] };
      }
    });
  }

  list(): StationTokenView[] {
    return this.store.all().map((row) => this.view(row));
  }

  add(input: TokenAddInput): StationTokenView {
    const name = tokenName(input.name);
    if (this.store.byName(name.toLowerCase()))
      fail(TokenCode.NameTaken, `This station already has a token named "${name}"; choose another name.`);
    const label = input.tokenLabel.trim();
    const info = this.withModule(input.modulePath, (cryptoki) => {
      const slot = findSlot(cryptoki, label, '');
      if (!slot) throw absent(name, label, input.modulePath);
      return cryptoki.C_GetTokenInfo(slot);
    });
    const row: TokenRow = {
      id: randomUUID(),
      name,
      name_key: name.toLowerCase(),
      module_path: input.modulePath,
      token_label: label,
      serial: info.serialNumber.trim(),
      manufacturer: info.manufacturerID.trim(),
      model: info.model.trim(),
      created_at: new Date().toISOString(),
    };
    this.options.db.transaction(() => {
      this.store.insert(row);
      this.options.audit.append({
        action: 'token.add',
        object: name,
        outcome: 'ok',
        detail: `${row.manufacturer} ${row.model} serial ${row.serial} label ${label}`,
      });
    })();
    return this.view(row);
  }

  /** What the token holds; private objects only while logged in. */
  show(name: string): TokenContentsView {
    const row = this.byName(name);
    const known = this.store.entriesOn(row.id);
    const describe = (cryptoki: Cryptoki, session: Handle) =>
      findObjects(cryptoki, session).map((handle) => {
        const { kind, label, id, keyType, bits, access } = describeObject(cryptoki, session, handle);
        const entryLabel = kind === 'private-key' ? (known.get(id) ?? null) : null;
        return { kind, label, id, keyType, bits, access, entryLabel };
      });
    const session = this.sessions.get(row.id);
    let objects;
    try {
      objects = session
        ? describe(session.cryptoki, session.handle)
        : this.withModule(row.module_path, (cryptoki) => {
            const slot = findSlot(cryptoki, row.token_label, row.serial);
            if (!slot) throw absent(row.name, row.token_label, row.module_path);
            const handle = cryptoki.C_OpenSession(slot, ck.CKF_SERIAL_SESSION);
            try {
              return describe(cryptoki, handle);
            } finally {
              cryptoki.C_CloseSession(handle);
            }
          });
    } catch (e) {
      throw this.forgetIfGone(row, tokenRefusal(e, row.name, 'list its objects'));
    }
    return { token: this.view(row), objects };
  }

  /** Logs in with the user PIN and keeps the session open. The PIN is used once and never kept, unless `remember`. */
  login(name: string, pin: string, options: { remember?: boolean } = {}): StationTokenView {
    const row = this.byName(name);
    if (!this.sessions.has(row.id)) this.openSession(row, pin);
    if (options.remember) this.rememberPin(row, pin);
    return this.view(row);
  }

  /** Logs in with a PIN the custodian chose to keep in the OS keychain; false when there is none. */
  loginFromKeychain(name: string): boolean {
    const row = this.byName(name);
    if (this.sessions.has(row.id)) return true;
    const keychain = this.options.keychain;
    if (!keychain || keychain.unavailableReason() !== null) return false;
    const pin = keychain.load(pinAccount(row));
    if (!pin) return false;
    try {
      this.openSession(row, pin.toString('utf8'));
      return true;
    } finally {
      pin.fill(0);
    }
  }

  /** Where the CLI gets a PIN for a token it meets while unwrapping (never a prompt: that path is synchronous). */
  setPinSource(source: ((tokenName: string) => string | null) | null): void {
    this.pinSource = source;
  }

  logout(name: string): StationTokenView {
    const row = this.byName(name);
    this.closeSession(row.id);
    this.options.audit.record({ action: 'token.logout', object: row.name, outcome: 'ok', detail: '' });
    return this.view(row);
  }

  forgetPin(name: string): void {
    const row = this.byName(name);
    try {
      this.options.keychain?.remove(pinAccount(row));
    } catch {
      // nothing was kept
    }
  }

  isLoggedIn(name: string): boolean {
    return this.sessions.has(this.byName(name).id);
  }

  /** An RSA KEK made on the token, with a self-signed certificate signed there; nothing half-made stays on failure. */
  createKek(input: TokenCreateKekInput): EntryView {
    this.requireVault();
    const label = normalizeLabel(input.label);
    if (this.options.keystore.isLabelTaken(label))
      fail(
        KeystoreCode.LabelTaken,
        `The label "${label}" is already used on this station (labels are not case-sensitive); choose another.`,
      );
    const bits = input.bits ?? 3072;
    const row = this.byName(input.token);
    const session = this.sessionOf(row);
    const pair = session.generateRsaKeyPair(label, bits);
    const made = [pair.privateKey, pair.publicKey];
    try {
      const certificateDer = certificateSignedOnToken(
        session,
        pair.privateKey,
        pair.publicKeyObject,
        input.subject ?? `CN=${label.replace(/[,\\/]/g, ' ')}`,
        input.days ?? 3650,
      );
      made.push(session.storeCertificate(label, pair.id, certificateDer, subjectDer(certificateDer)));
      const [entry] = this.addEntries(
        row,
        [{ entry: { label, type: 'kek', origin: 'generated', certificateDer }, ckaId: pair.id.toString('hex') }],
        'keystore.create-kek',
        `RSA-${bits} on token ${row.name}`,
      );
      if (!entry) fail(TokenCode.Failed, 'The KEK was not added.');
      return entry;
    } catch (e) {
      session.destroy(made);
      throw this.forgetIfGone(row, tokenRefusal(e, row.name, `make the KEK "${label}"`));
    }
  }

  /**
   * Key pairs another tool made on the token (pkcs11-tool, keytool with SunPKCS11) become KEK
   * entries without the key moving. A pair without a certificate gets one, signed on the token.
   */
  adopt(name: string): EntryView[] {
    this.requireVault();
    const row = this.byName(name);
    const session = this.sessionOf(row);
    const known = this.store.entriesOn(row.id);
    const { cryptoki, handle } = session;
    const made: Handle[] = [];
    try {
      const privateKeys = findObjects(cryptoki, handle, [
        { type: ck.CKA_CLASS, value: ck.CKO_PRIVATE_KEY },
        { type: ck.CKA_KEY_TYPE, value: ck.CKK_RSA },
      ]).map((h) => describeObject(cryptoki, handle, h));
      const taken = new Set<string>();
      const adopted: { entry: NewEntry; ckaId: string }[] = [];
      for (const key of privateKeys) {
        if (!key.id || known.has(key.id)) continue;
        const id = Buffer.from(key.id, 'hex');
        const publicHandle = session.find(ck.CKO_PUBLIC_KEY, id);
        const publicKey = rsaPublicKey(cryptoki, handle, publicHandle ?? key.handle);
        if (!publicKey) continue;
        const certHandle = session.find(ck.CKO_CERTIFICATE, id);
        const found = certHandle ? attribute(cryptoki, handle, certHandle, ck.CKA_VALUE) : null;
        let label = this.freeLabel(key.label || `${row.name} key ${key.id}`, taken);
        let certificateDer = found && certificateMatches(found, publicKey) ? found : null;
        if (!certificateDer) {
          certificateDer = certificateSignedOnToken(
            session,
            key.handle,
            publicKey,
            `CN=${label.replace(/[,\\/]/g, ' ')}`,
            3650,
          );
          made.push(session.storeCertificate(key.label || label, id, certificateDer, subjectDer(certificateDer)));
        }
        label = normalizeLabel(label);
        adopted.push({
          entry: { label, type: 'kek', origin: `adopted from token ${row.name}`, certificateDer },
          ckaId: key.id,
        });
      }
      return this.addEntries(row, adopted, 'token.adopt', `adopted from token ${row.name}`);
    } catch (e) {
      session.destroy(made);
      throw this.forgetIfGone(row, tokenRefusal(e, row.name, 'adopt its keys'));
    }
  }

  /**
   * A PKCS#10 request for a token entry's key, signed on the token (for a CA in the certificate
   * exchange); the private key stays where it is. PEM.
   */
  certificateRequest(label: string, subject: string, subjectAltNames: string[] = []): string {
    const entry = this.options.keystore.show(label);
    const key = this.store.keyOf(entry.id);
    const row = key ? this.store.byId(key.token_id) : undefined;
    if (!key || !row)
      fail(TokenCode.KeyMissing, `"${entry.label}" is not a token key; its request is made from the keystore.`);
    const session = this.sessionOf(row);
    try {
      const privateKey = session.privateKeyById(key.cka_id);
      if (!privateKey) fail(TokenCode.KeyMissing, `The private key of "${entry.label}" is no longer on "${row.name}".`);
      const publicKey = new X509Certificate(this.options.keystore.certificateOf(entry.label)).publicKey;
      return createCertificateRequest({
        publicKey,
        privateKey: (tbs) => session.signSha256(privateKey, tbs),
        subject,
        subjectAltNames,
      });
    } catch (e) {
      throw this.forgetIfGone(row, tokenRefusal(e, row.name, 'sign the certificate request'));
    }
  }

  /** Logs out of every token and lets go of the modules (the station is closing). */
  close(): void {
    for (const id of [...this.sessions.keys()]) this.closeSession(id);
  }

  // --- internals ------------------------------------------------------------------------

  private unwrap(entry: EntryView, wrapped: Buffer): Buffer | null {
    const key = this.store.keyOf(entry.id);
    const row = key ? this.store.byId(key.token_id) : undefined;
    if (!key || !row)
      fail(TokenCode.KeyMissing, `"${entry.label}" names a token key this station no longer knows; adopt it again.`);
    const session = this.sessionOf(row);
    const decrypt = () => {
      const privateKey = session.privateKeyById(key.cka_id);
      if (!privateKey)
        fail(
          TokenCode.KeyMissing,
          `The private key of "${entry.label}" (CKA_ID ${key.cka_id}) is no longer on the token "${row.name}" (CKR_OBJECT_HANDLE_INVALID): it was deleted there, or another token carries the label ${row.token_label}.`,
        );
      // eedk.unwrap writes the audit row: one fsync per unwrap, not two.
      return session.decryptOaepSha256(privateKey, wrapped, Math.ceil(entry.keyBits / 8));
    };
    try {
      try {
        return decrypt();
      } catch (e) {
        // A cached handle may have gone stale: look the key up once more before giving up.
        if (tokenRefusal(e, row.name, 'unwrap').code !== TokenCode.KeyMissing) throw e;
        session.forgetKeys();
        return decrypt();
      }
    } catch (e) {
      throw this.forgetIfGone(row, tokenRefusal(e, row.name, 'unwrap the data key'));
    }
  }

  private addEntries(
    row: TokenRow,
    entries: { entry: NewEntry; ckaId: string }[],
    action: string,
    detail: string,
  ): EntryView[] {
    return this.options.db.transaction(() =>
      entries.map(({ entry, ckaId }) => {
        const view = this.options.keystore.add({ ...entry, store: `token:${row.name}` }, action, detail);
        this.store.insertKey({ entry_id: view.id, token_id: row.id, cka_id: ckaId });
        return view;
      }),
    )();
  }

  private freeLabel(raw: string, taken: Set<string>): string {
    let label = normalizeLabel([...raw].slice(0, 64).join(''));
    if (this.options.keystore.isLabelTaken(label) || taken.has(label.toLowerCase()))
      label = this.options.keystore.freeVariantOf(label, new Set([...taken, ...this.allLabelKeys()]));
    taken.add(label.toLowerCase());
    return label;
  }

  private allLabelKeys(): string[] {
    return this.options.keystore.list().map((e) => e.label.toLowerCase());
  }

  private openSession(row: TokenRow, pin: string): void {
    const cryptoki = acquireModule(row.module_path, this.load);
    try {
      const slot = findSlot(cryptoki, row.token_label, row.serial);
      if (!slot) throw absent(row.name, row.token_label, row.module_path);
      if ((cryptoki.C_GetTokenInfo(slot).flags & ck.CKF_USER_PIN_LOCKED) !== 0)
        throw tokenRefusal(new Error('CKR_PIN_LOCKED'), row.name, 'log in');
      const handle = cryptoki.C_OpenSession(slot, ck.CKF_SERIAL_SESSION | ck.CKF_RW_SESSION);
      try {
        cryptoki.C_Login(handle, ck.CKU_USER, pin);
      } catch (e) {
        // Another station open in this process already logged the application in.
        if (ckrName(e) !== 'CKR_USER_ALREADY_LOGGED_IN') {
          try {
            cryptoki.C_CloseSession(handle);
          } catch {
            // the refusal below is what matters
          }
          throw tokenRefusal(e, row.name, 'log in');
        }
      }
      this.sessions.set(row.id, new TokenSession(cryptoki, row.module_path, slot, handle, row.name));
      logins.set(loginKey(row), (logins.get(loginKey(row)) ?? 0) + 1);
      this.options.audit.record({ action: 'token.login', object: row.name, outcome: 'ok', detail: '' });
    } catch (e) {
      releaseModule(row.module_path);
      const refusal = tokenRefusal(e, row.name, 'log in');
      this.options.audit.record({ action: 'token.login', object: row.name, outcome: 'failed', detail: refusal.code });
      throw refusal;
    }
  }

  private closeSession(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    const row = this.store.byId(id);
    const key = row ? loginKey(row) : '';
    const others = (logins.get(key) ?? 1) - 1;
    if (others > 0) logins.set(key, others);
    else logins.delete(key);
    // PKCS#11 logs in the application, not the session: log out only when no other station here uses the token.
    if (others <= 0) {
      try {
        session.cryptoki.C_Logout(session.handle);
      } catch {
        // already logged out, or the token is gone
      }
    }
    try {
      session.cryptoki.C_CloseSession(session.handle);
    } catch {
      // the token is gone
    }
    releaseModule(session.modulePath);
  }

  /** After a token disappears, its session is dead: forget it so the next use says "log in". */
  private forgetIfGone(row: TokenRow, error: CustosError): CustosError {
    if (error.code === TokenCode.Absent) this.closeSession(row.id);
    return error;
  }

  private sessionOf(row: TokenRow): TokenSession {
    const open = this.sessions.get(row.id);
    if (open) return open;
    if (this.loginFromKeychain(row.name)) return this.sessionOf(row);
    const pin = this.pinSource?.(row.name);
    if (pin) {
      this.openSession(row, pin);
      return this.sessionOf(row);
    }
    fail(
      TokenCode.NotLoggedIn,
      `Log in to the token "${row.name}" with its user PIN first (custos token show ${row.name} --pin-file F, or the token panel on the Keystore screen).`,
    );
  }

  private rememberPin(row: TokenRow, pin: string): void {
    const keychain = this.options.keychain;
    const why = keychain ? keychain.unavailableReason() : 'The OS keychain is turned off on this station.';
    if (!keychain || why) fail(TokenCode.Failed, `The PIN cannot be remembered: ${why ?? ''}`);
    const secret = Buffer.from(pin, 'utf8');
    try {
      keychain.store(pinAccount(row), secret);
    } finally {
      secret.fill(0);
    }
    this.options.audit.record({ action: 'token.remember-pin', object: row.name, outcome: 'ok', detail: '' });
  }

  private byName(raw: string): TokenRow {
    const row = this.store.byName(raw.trim().toLowerCase());
    if (!row)
      fail(TokenCode.Unknown, `This station has no token named "${raw.trim()}"; add it first (custos token add).`);
    return row;
  }

  private view(row: TokenRow): StationTokenView {
    return {
      name: row.name,
      modulePath: row.module_path,
      tokenLabel: row.token_label,
      serial: row.serial,
      manufacturer: row.manufacturer,
      model: row.model,
      present: this.sessions.has(row.id) || this.isPresent(row),
      loggedIn: this.sessions.has(row.id),
      entries: this.store.entriesOn(row.id).size,
      createdAt: row.created_at,
    };
  }

  private isPresent(row: TokenRow): boolean {
    try {
      return this.withModule(row.module_path, (cryptoki) => findSlot(cryptoki, row.token_label, row.serial) !== null);
    } catch {
      return false;
    }
  }

  private withModule<T>(path: string, work: (cryptoki: Cryptoki) => T): T {
    const cryptoki = acquireModule(path, this.load);
    try {
      return work(cryptoki);
    } catch (e) {
      throw tokenRefusal(e, path, 'answer');
    } finally {
      releaseModule(path);
    }
  }

  private requireVault(): void {
    const state = this.options.vault.state();
    if (state === 'none') fail(VaultCode.None, 'This station has no vault yet; create one first (custos vault init).');
    if (state === 'locked') fail(VaultCode.Locked, 'The vault is locked; unlock it with the master passphrase first.');
  }
}

/** Logged-in stations per token in this process (PKCS#11 login state is per application). */
const logins = new Map<string, number>();

function loginKey(row: TokenRow): string {
  return `${row.module_path}|${row.token_label}|${row.serial}`;
}

function tokenName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name.length === 0 || name.length > 64 || /[\p{Cc}:]/u.test(name))
    fail(TokenCode.NameInvalid, 'A token name is 1 to 64 characters, without control characters or ":".');
  return name;
}

function pinAccount(row: TokenRow): string {
  return `token-pin:${row.id}`;
}

function findSlot(cryptoki: Cryptoki, label: string, serial: string): Handle | null {
  for (const slot of cryptoki.C_GetSlotList(true)) {
    const info = cryptoki.C_GetTokenInfo(slot);
    if (info.label.trim() === label && (serial === '' || info.serialNumber.trim() === serial)) return slot;
  }
  return null;
}

function absent(name: string, label: string, modulePath: string): CustosError {
  return new CustosError(
    TokenCode.Absent,
    `No slot of ${modulePath} holds a token labelled "${label}" (CKR_TOKEN_NOT_PRESENT): plug in the token "${name}", or check that this module is its vendor's.`,
  );
}

function certificateMatches(der: Buffer, publicKey: KeyObject): boolean {
  try {
    return new X509Certificate(der).publicKey
      .export({ type: 'spki', format: 'der' })
      .equals(publicKey.export({ type: 'spki', format: 'der' }));
  } catch {
    return false;
  }
}

const TOKEN_FLAGS: [number, string][] = [
  [ck.CKF_TOKEN_INITIALIZED, 'initialized'],
  [ck.CKF_LOGIN_REQUIRED, 'login required'],
  [ck.CKF_USER_PIN_INITIALIZED, 'user PIN set'],
  [ck.CKF_WRITE_PROTECTED, 'write protected'],
  [ck.CKF_PROTECTED_AUTHENTICATION_PATH, 'PIN pad'],
  [ck.CKF_USER_PIN_COUNT_LOW, 'user PIN: a wrong try recently'],
  [ck.CKF_USER_PIN_FINAL_TRY, 'user PIN: final try'],
  [ck.CKF_USER_PIN_LOCKED, 'user PIN locked'],
  [ck.CKF_USER_PIN_TO_BE_CHANGED, 'user PIN to be changed'],
  [ck.CKF_SO_PIN_LOCKED, 'SO PIN locked'],
];

function tokenInfoView(cryptoki: Cryptoki, slot: Handle): TokenInfoView {
  const info = cryptoki.C_GetTokenInfo(slot);
  return {
    label: info.label.trim(),
    manufacturer: info.manufacturerID.trim(),
    model: info.model.trim(),
    serial: info.serialNumber.trim(),
    flags: TOKEN_FLAGS.filter(([flag]) => (info.flags & flag) !== 0).map(([, word]) => word),
  };
}

function slotView(cryptoki: Cryptoki, slot: Handle): SlotView {
  const info = cryptoki.C_GetSlotInfo(slot);
  const present = (info.flags & CKF_TOKEN_PRESENT) !== 0;
  return {
    slotId: slot.length >= 8 ? slot.readBigUInt64LE(0).toString() : slot.toString('hex'),
    description: info.slotDescription.trim(),
    token: present ? tokenInfoView(cryptoki, slot) : null,
  };
}

/** CK_SLOT_INFO flag; pkcs11js leaves it out. */
const CKF_TOKEN_PRESENT = 0x1;
