import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { JobView, SelfTestCheck, VaultState, VaultStatus } from '../contract';
import { AuditLog } from './audit';
import { DeviceService } from './devices';
import { BackupService } from './backup';
import { EedkService } from './eedk';
import { ExportsFolder } from './exports';
import { JobBoard } from './jobs';
import { KmipMessageLog } from './kmip';
import { KeyServers } from './servers';
import { Keystore, KeystoreImport } from './keystore';
import { runSelfTest, summarizeSelfTest } from './selftest';
import { Settings } from './settings';
import { acquireHomeLock, secureHome, StationDatabase } from './station';
import { Tokens } from './tokens';
import { UsbService } from './usb';
import type { UsbServiceOptions } from './usb';
import { osKeychain, Vault } from './vault';
import type { Keychain } from './vault';
import { CUSTOS_VERSION } from './version';

export { resolveStationHome, DATABASE_FILE } from './station';
export { CUSTOS_VERSION } from './version';
export type { JobBoard } from './jobs';
export type { Keystore, KeystoreImport } from './keystore';
export type { Vault } from './vault';
export { setKeychainLog } from './vault';
export type { AuditLog } from './audit';
export type { EedkService } from './eedk';
export type { ExportsFolder } from './exports';
export type { UsbService } from './usb';
export type { KeyServers } from './servers';
export type { KmipMessageLog } from './kmip';
export type { DeviceService } from './devices';
export type { BackupService } from './backup';
export type { Tokens } from './tokens';
export type { Settings } from './settings';

/** Everything a Custos process holds open for one station home. The app, the host and the CLI each open one. */
export interface OpenStation {
  readonly home: string;
  readonly version: string;
  readonly jobs: JobBoard;
  readonly audit: AuditLog;
  readonly vault: Vault;
  readonly keystore: Keystore;
  readonly eedk: EedkService;
  readonly imports: KeystoreImport;
  readonly usb: UsbService;
  readonly servers: KeyServers;
  /** Device groups, device requests, the cartridge inventory of keys, EKM migration. */
  readonly devices: DeviceService;
  /** Every KMIP message this station exchanged, redacted, as KMIP XML. */
  readonly kmipLog: KmipMessageLog;
  /** Things the custodian should be told on opening (permissions repaired in the home). */
  readonly notices: readonly string[];
  /** Encrypted archives, custodian shares, restore, backup key servers. */
  readonly backup: BackupService;
  /** PKCS#11 tokens: a second store for keystore entries. */
  readonly tokens: Tokens;
  /** Keystore exports and EEDK files made from the UI, written into the station's exports/ folder. */
  readonly exports: ExportsFolder;
  /** Theme, KMIP message log, the key servers' test interval: each change audited. */
  readonly settings: Settings;
  vaultState(): VaultState;
  vaultStatus(): VaultStatus;
  startSelfTest(): { jobId: string; done: Promise<JobView> };
  lastSelfTest(): SelfTestCheck[];
  close(): void;
}

export interface OpenOptions {
  /** Who acts, as the audit log records it: "ann (cli)". */
  via: 'cli' | 'app' | 'browser host';
  /** The OS keychain for "remember on this computer"; null turns the option off. */
  keychain?: Keychain | null;
  /** A fixed scrypt cost instead of calibrating on this station (tests only). */
  kdfLogN?: number;
  /** A fixed scrypt cost for backup passphrases instead of calibrating to a second (tests only). */
  backupKdfLogN?: number;
  /** USB drive admission, watcher pace and fault injection (tests and benchmarks). */
  usb?: Pick<UsbServiceOptions, 'allowMounts' | 'faults' | 'custodian' | 'pollMs'>;
}

/** The open stations' databases, for stationDatabaseOf; not part of OpenStation on purpose. */
const databases = new WeakMap<OpenStation, StationDatabase>();

/**
 * The database behind an open station, for tests and benchmarks that build a service of their
 * own on it (with fault injection, a fake clock). Product code reaches storage through services.
 */
export function stationDatabaseOf(station: OpenStation): StationDatabase {
  const db = databases.get(station);
  if (!db) throw new Error('not an open station');
  return db;
}

export function openStation(home: string, options: OpenOptions = { via: 'cli' }): OpenStation {
  const lock = acquireHomeLock(home);
  let db: StationDatabase;
  let notices: string[];
  try {
    notices = secureHome(home);
    db = StationDatabase.open(home);
  } catch (e) {
    lock.release();
    throw e;
  }
  const audit = new AuditLog(db, `${safeUserName()} (${options.via})`);
  for (const notice of notices)
    audit.record({ action: 'station.permissions', object: 'station home', outcome: 'ok', detail: notice });
  const keychain = options.keychain === undefined ? osKeychain() : options.keychain;
  const vault: Vault = new Vault({
    db,
    audit,
    home,
    keychain,
    kdfLogN: options.kdfLogN,
    sealedSecrets: (): number => keystore.sealedCount() + usb.sealedCount(),
  });
  // The audit log's head is sealed under the vault key while the vault is open.
  vault.onChanged((state) => {
    if (state !== 'unlocked') return audit.detachSealer();
    const mac = (data: string) => (vault.state() === 'unlocked' ? vault.macFor('audit', data) : null);
    if (audit.attachSealer(mac, vault.auditSealEra())) vault.markAuditSealed();
  });
  const keystore: Keystore = new Keystore(db, vault, audit);
  const tokens = new Tokens({ db, audit, vault, keystore, keychain });
  const eedk = new EedkService(keystore, audit);
  const jobs = new JobBoard();
  const imports = new KeystoreImport(keystore, jobs);
  const exports = new ExportsFolder({ dir: join(home, 'exports'), keystore, eedk, audit });
  const kmipLog = new KmipMessageLog(join(home, 'logs'));
  const servers = new KeyServers(db, keystore, audit, kmipLog);
  // The pair's connections hold the station identity's key: a locked vault closes them and wipes it.
  vault.onChanged((state) => {
    if (state !== 'unlocked') servers.closeConnections();
  });
  const settings = new Settings(db, audit);
  applySettings(settings, kmipLog, servers, options.via);
  const usb = new UsbService({ ...options.usb, db, audit, vault, jobs, home });
  const devices = new DeviceService({ db, keystore, imports, audit, pair: servers.pair, jobs });
  keystore.addDestroyCheck((label, o) => devices.checkDestroy(label, o));
  const backup = new BackupService({
    db,
    keystore,
    servers,
    audit,
    jobs,
    home,
    kdfLogN: options.backupKdfLogN,
    groupLabels: (group) => devices.show(group).keys,
    usb,
  });
  let selfTest: SelfTestCheck[] = [];
  const station: OpenStation = {
    home,
    version: CUSTOS_VERSION,
    jobs,
    audit,
    vault,
    keystore,
    eedk,
    imports,
    usb,
    servers,
    devices,
    kmipLog,
    notices,
    backup,
    tokens,
    exports,
    settings,
    vaultState: () => vault.state(),
    vaultStatus: () => vault.status(),
    startSelfTest() {
      const { id, done } = jobs.start({
        kind: 'station.self-test',
        title: 'Station self-test',
        cancellable: true,
        run: async (ctx) => {
          selfTest = await runSelfTest(home, ctx);
          return summarizeSelfTest(selfTest);
        },
      });
      return { jobId: id, done };
    },
    lastSelfTest: () => selfTest,
    close() {
      usb.close();
      jobs.cancelAll();
      servers.stop();
      tokens.close();
      vault.lock('shutdown');
      db.close();
      lock.release();
    },
  };
  databases.set(station, db);
  return station;
}

/**
 * Settings take effect at open and on every change. The test schedule runs only in a process
 * that stays up (the app, the browser host), not in a one-shot CLI command.
 */
function applySettings(settings: Settings, kmipLog: KmipMessageLog, servers: KeyServers, via: OpenOptions['via']) {
  const initial = settings.get();
  kmipLog.enabled = initial.kmipMessageLog;
  const keepsRunning = via !== 'cli';
  if (keepsRunning && initial.serverTestMinutes > 0) servers.setSchedule(initial.serverTestMinutes, { audited: false });
  settings.onChanged((now, changed) => {
    kmipLog.enabled = now.kmipMessageLog;
    // The settings row is the audit record of this change.
    if (changed === 'serverTestMinutes' && keepsRunning) servers.setSchedule(now.serverTestMinutes, { audited: false });
  });
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}
