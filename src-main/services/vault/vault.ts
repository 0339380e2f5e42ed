import { createHash, createHmac, randomBytes } from 'node:crypto';
import { fail, VaultCode } from '../../contract';
import type { VaultState, VaultStatus } from '../../contract';
import type { AuditLog } from '../audit';
import type { StationDatabase } from '../station';
import { deriveKey, freshKdfParams, readKdfParams } from './kdf';
import type { KdfParams } from './kdf';
import type { Keychain } from './keychain';
import { seal, unseal } from './seal';
import { VaultStore } from './store';
import type { VaultRow } from './store';

export const MIN_PASSPHRASE_LENGTH = 10;
const VAULT_KEY_AAD = 'custos:vault-key:v1';

export interface VaultOptions {
  db: StationDatabase;
  audit: AuditLog;
  /** Identifies this station's entry in the OS keychain. */
  home: string;
  keychain: Keychain | null;
  /** Fixed scrypt cost (tests); otherwise calibrated on this station. */
  kdfLogN?: number;
  /** How many secrets in the station are sealed under the vault key (keystore entries, USB keys). */
  sealedSecrets?: () => number;
}

/**
 * The master passphrase derives (scrypt) a key that unwraps a random vault key; the vault key
 * seals every secret before it reaches the database. Changing the passphrase re-wraps only the
 * vault key. While unlocked the vault key lives in one Buffer, zeroed on lock.
 */
export class Vault {
  private key: Buffer | null = null;
  /**
   * The vault row, read once per unlock: the audit sealer asks for the vault's state on every
   * appended row, and every guarded call asks for the idle-lock minutes. Dropped on lock and
   * after every write to the row (passphrase change, key check, idle-lock setting).
   */
  private openRow: VaultRow | undefined;
  /**
   * What the open vault says of its audit seal. The key check is an HMAC under the vault key, so
   * its "audit-sealed" form cannot be set or removed without the key: a vault that says its log
   * is sealed and has no seal had the seal deleted. 'created': this very vault was just made.
   */
  private era: 'created' | 'sealed' | 'legacy' | null = null;
  /** Keys derived from the vault key for macFor, per purpose; wiped with it. */
  private readonly macKeys = new Map<string, Buffer>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(state: VaultState) => void>();
  private readonly store: VaultStore;

  constructor(private readonly o: VaultOptions) {
    this.store = new VaultStore(o.db);
  }

  state(): VaultState {
    if (!this.row()) return 'none';
    return this.key ? 'unlocked' : 'locked';
  }

  /** What the UI shows about the vault; every change below answers with it. */
  status(): VaultStatus {
    return {
      state: this.state(),
      autoLockMinutes: this.autoLockMinutes(),
      remembered: this.isRemembered(),
      keychainUnavailable: this.keychainUnavailableReason(),
    };
  }

  autoLockMinutes(): number {
    return this.row()?.auto_lock_minutes ?? 15;
  }

  async create(passphrase: string): Promise<VaultStatus> {
    if (this.row()) fail(VaultCode.Exists, 'This station already has a vault; unlock it, or change its passphrase.');
    this.refuseIfSecretsOrphaned();
    checkStrength(passphrase);
    const params = await freshKdfParams(this.o.kdfLogN);
    const kek = await deriveKey(passphrase, params);
    const vaultKey = randomBytes(32);
    const now = new Date().toISOString();
    this.writingRow(() => {
      this.store.insert(JSON.stringify(params), seal(kek, vaultKey, VAULT_KEY_AAD), keyCheck(vaultKey, 'sealed'), now);
      this.o.audit.append({
        action: 'vault.create',
        object: 'vault',
        outcome: 'ok',
        detail: `scrypt N=2^${Math.log2(params.N)}`,
      });
    });
    kek.fill(0);
    this.era = 'created';
    this.setKey(vaultKey);
    return this.status();
  }

  /** `remember`: also keep the vault key in the OS keychain ("remember on this computer"). */
  async unlock(passphrase: string, remember = false): Promise<VaultStatus> {
    const row = this.requireVault();
    const key = await this.unwrap(row, passphrase);
    if (!key) {
      this.o.audit.record({ action: 'vault.unlock', object: 'vault', outcome: 'refused', detail: 'wrong passphrase' });
      fail(VaultCode.WrongPassphrase, "That passphrase does not open this station's vault.");
    }
    this.o.audit.record({ action: 'vault.unlock', object: 'vault', outcome: 'ok' });
    this.era = this.eraOf(key, row) ?? 'sealed'; // an unreadable key check is not taken as an old vault
    this.setKey(key);
    if (remember) this.remember();
    return this.status();
  }

  /** 'shutdown' is the process ending: not a custodian's act, so not audited. */
  lock(reason: 'manual' | 'idle' | 'shutdown' = 'manual'): VaultStatus {
    if (!this.key) return this.status();
    this.key.fill(0);
    this.key = null;
    this.openRow = undefined;
    this.forgetMacKeys();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (reason !== 'shutdown')
      this.o.audit.record({
        action: reason === 'idle' ? 'vault.auto-lock' : 'vault.lock',
        object: 'vault',
        outcome: 'ok',
      });
    this.emit();
    return this.status();
  }

  async changePassphrase(current: string, next: string): Promise<VaultStatus> {
    const row = this.requireVault();
    checkStrength(next);
    if (next === current) {
      fail(VaultCode.PassphraseUnchanged, 'The new passphrase is the current one; the passphrase was not changed.');
    }
    const key = await this.unwrap(row, current);
    if (!key) {
      this.o.audit.record({
        action: 'vault.change-passphrase',
        object: 'vault',
        outcome: 'refused',
        detail: 'wrong passphrase',
      });
      fail(VaultCode.WrongPassphrase, 'The current passphrase is not right; the passphrase was not changed.');
    }
    const params = await freshKdfParams(this.o.kdfLogN);
    const kek = await deriveKey(next, params);
    this.writingRow(() => {
      this.store.rewrap(JSON.stringify(params), seal(kek, key, VAULT_KEY_AAD), new Date().toISOString());
      this.o.audit.append({ action: 'vault.change-passphrase', object: 'vault', outcome: 'ok' });
    });
    kek.fill(0);
    key.fill(0);
    return this.status();
  }

  setAutoLock(minutes: number): VaultStatus {
    this.requireVault();
    this.writingRow(() => {
      this.store.setAutoLockMinutes(minutes);
      this.o.audit.append({
        action: 'vault.auto-lock-setting',
        object: 'vault',
        outcome: 'ok',
        detail: minutes === 0 ? 'off' : `${minutes} min`,
      });
    });
    this.touch();
    return this.status();
  }

  /**
   * Refuses, with the step to take, unless the vault is open: every service asks here before it
   * changes or reads anything the vault guards. A use counts as activity and postpones the idle
   * lock: the lock is for a station nobody is working at, and a custodian creating keys or
   * writing USB sticks is working (locking between a key set's prepare and its commit would
   * strand the flow). Work nobody asked for just now, such as a scheduled check, is not activity
   * and should not keep the vault open by coming through here.
   */
  requireUnlocked(): void {
    this.requireKey();
  }

  /** Seals secret material for one entry; the entry's id and type are bound in as associated data. */
  sealFor(entryId: string, type: string, secret: Buffer): Buffer {
    return seal(this.requireKey(), secret, `${entryId}|${type}`);
  }

  /** null: the sealed bytes were altered or moved (the caller names the entry). */
  unsealFor(entryId: string, type: string, sealed: Buffer): Buffer | null {
    return unseal(this.requireKey(), sealed, `${entryId}|${type}`);
  }

  /**
   * An HMAC-SHA256 under a key derived from the vault key for one purpose ('entry', 'audit'):
   * what binds metadata that is stored in the clear, so an edit without the vault key shows.
   */
  macFor(purpose: string, data: string): string {
    if (!this.key) fail(VaultCode.Locked, 'The vault is locked; unlock it with the master passphrase first.');
    let subkey = this.macKeys.get(purpose);
    if (!subkey) {
      subkey = createHmac('sha256', this.key).update(`custos:${purpose}:mac-key:v1`).digest();
      this.macKeys.set(purpose, subkey);
    }
    return createHmac('sha256', subkey).update(data).digest('hex');
  }

  /** For the audit log, while the vault is open: whether its head must already be sealed. */
  auditSealEra(): 'created' | 'sealed' | 'legacy' {
    return this.era ?? 'legacy';
  }

  /** The audit seal now covers the log: from here on this vault says so in its key check. */
  markAuditSealed(): void {
    if (!this.key || this.era !== 'legacy') return;
    const key = this.key;
    this.writingRow(() => this.store.setKeyCheck(keyCheck(key, 'sealed')));
    this.era = 'sealed';
  }

  private eraOf(key: Buffer, row: VaultRow): 'sealed' | 'legacy' | null {
    if (keyCheck(key, 'sealed') === row.key_check) return 'sealed';
    if (keyCheck(key, 'legacy') === row.key_check) return 'legacy';
    return null;
  }

  /** Any use of the vault postpones the idle lock. */
  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const minutes = this.autoLockMinutes();
    if (!this.key || minutes <= 0) return;
    this.timer = setTimeout(() => this.lock('idle'), minutes * 60_000);
    this.timer.unref();
  }

  onChanged(listener: (state: VaultState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- Remember on this computer -------------------------------------------------------

  keychainUnavailableReason(): string | null {
    return this.o.keychain
      ? this.o.keychain.unavailableReason()
      : 'This Custos was started without OS keychain access.';
  }

  isRemembered(): boolean {
    try {
      return this.o.keychain?.load(this.account()) != null;
    } catch {
      return false;
    }
  }

  remember(): void {
    const reason = this.keychainUnavailableReason();
    if (reason || !this.o.keychain) fail(VaultCode.KeychainUnavailable, reason ?? 'No OS keychain.');
    this.o.keychain.store(this.account(), this.requireKey());
    this.o.audit.record({ action: 'vault.remember', object: 'vault', outcome: 'ok' });
  }

  forget(): VaultStatus {
    this.o.keychain?.remove(this.account());
    this.o.audit.record({ action: 'vault.forget', object: 'vault', outcome: 'ok' });
    return this.status();
  }

  /** Opens the vault with a remembered key, recognised by the stored key check before use. */
  unlockFromKeychain(): boolean {
    const row = this.row();
    if (!row || this.key || !this.o.keychain) return false;
    let key: Buffer | null;
    try {
      key = this.o.keychain.load(this.account());
    } catch {
      return false;
    }
    const era = key && key.length === 32 ? this.eraOf(key, row) : null;
    if (!key || !era) {
      key?.fill(0);
      return false;
    }
    this.o.audit.record({
      action: 'vault.unlock',
      object: 'vault',
      outcome: 'ok',
      detail: 'remembered on this computer',
    });
    this.era = era;
    this.setKey(key);
    return true;
  }

  // --- internals ------------------------------------------------------------------------

  private account(): string {
    return `vault-${createHash('sha256').update(this.o.home).digest('hex').slice(0, 24)}`;
  }

  private async unwrap(row: VaultRow, passphrase: string): Promise<Buffer | null> {
    const params: KdfParams = readKdfParams(row.kdf);
    const kek = await deriveKey(passphrase, params);
    const key = unseal(kek, row.wrapped_key, VAULT_KEY_AAD);
    kek.fill(0);
    return key;
  }

  private forgetMacKeys(): void {
    for (const k of this.macKeys.values()) k.fill(0);
    this.macKeys.clear();
  }

  private setKey(key: Buffer): void {
    this.key?.fill(0);
    this.forgetMacKeys();
    this.key = key;
    this.openRow = undefined;
    this.touch();
    this.emit();
  }

  private row(): VaultRow | undefined {
    if (this.key && this.openRow) return this.openRow;
    const row = this.store.row();
    this.openRow = this.key ? row : undefined;
    return row;
  }

  /** Changes the vault row in one transaction; the row read for the open vault is read again after. */
  private writingRow(work: () => void): void {
    try {
      this.o.db.transaction(work)();
    } finally {
      this.openRow = undefined;
    }
  }

  /** The vault record, or a refusal that says whether to create one or restore the database. */
  requirePresent(): void {
    this.requireVault();
  }

  private requireVault(): VaultRow {
    const row = this.row();
    if (!row) {
      this.refuseIfSecretsOrphaned();
      fail(VaultCode.None, 'This station has no vault yet; create one first (custos vault init).');
    }
    return row;
  }

  /**
   * A vault record deleted under sealed secrets is damage, not a new station: a fresh vault
   * would make every one of them unreadable, so Custos refuses and says how to get them back.
   */
  private refuseIfSecretsOrphaned(): void {
    const sealed = this.o.sealedSecrets?.() ?? 0;
    if (sealed > 0) {
      fail(
        VaultCode.Missing,
        `The vault record is missing from the station database, yet ${sealed} ${sealed === 1 ? 'secret is' : 'secrets are'} sealed under it: the database was edited or damaged. Custos will not create a new vault over them (they would become unreadable). Restore station.db from a backup.`,
      );
    }
  }

  private requireKey(): Buffer {
    this.requireVault();
    if (!this.key) fail(VaultCode.Locked, 'The vault is locked; unlock it with the master passphrase first.');
    this.touch();
    return this.key;
  }

  private emit(): void {
    const state = this.state();
    for (const l of this.listeners) l(state);
  }
}

/** Recognises the vault key without revealing it (a remembered key from another station fails). */
function keyCheck(key: Buffer, era: 'legacy' | 'sealed'): string {
  const label = era === 'sealed' ? 'custos:vault-key-check:v2:audit-sealed' : 'custos:vault-key-check:v1';
  return createHmac('sha256', key).update(label).digest('hex').slice(0, 32);
}

function checkStrength(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    fail(
      VaultCode.PassphraseTooShort,
      `The master passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`,
    );
  }
}
