import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { JobView, SelfTestCheck, VaultState, VaultStatus } from '../contract';
import { AuditLog } from './audit';
import { EedkService } from './eedk';
import { ExportsFolder } from './exports';
import { JobBoard } from './jobs';
import { KmipMessageLog } from './kmip';
import { KeyServers } from './servers';
import { Keystore, KeystoreImport } from './keystore';
import { runSelfTest, summarizeSelfTest } from './selftest';
import { acquireHomeLock, StationDatabase } from './station';
import { UsbService } from './usb';
import type { UsbServiceOptions } from './usb';
import { osKeychain, Vault } from './vault';
import type { Keychain } from './vault';
import { CUSTOS_VERSION } from './version';

export { resolveStationHome } from './station';
export { CUSTOS_VERSION } from './version';
export type { JobBoard } from './jobs';
export type { Keystore, KeystoreImport } from './keystore';
export type { Vault } from './vault';
export type { AuditLog } from './audit';
export type { EedkService } from './eedk';
export type { ExportsFolder } from './exports';
export type { UsbService } from './usb';
export type { KeyServers } from './servers';
export type { KmipMessageLog } from './kmip';

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
  /** Every KMIP message this station exchanged, redacted, as KMIP XML. */
  readonly kmipLog: KmipMessageLog;
  /** Keystore exports and EEDK files made from the UI, written into the station's exports/ folder. */
  readonly exports: ExportsFolder;
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
  /** USB drive admission, watcher pace and fault injection (tests and benchmarks). */
  usb?: Pick<UsbServiceOptions, 'allowMounts' | 'faults' | 'custodian' | 'pollMs'>;
}

export function openStation(home: string, options: OpenOptions = { via: 'cli' }): OpenStation {
  const lock = acquireHomeLock(home);
  let db: StationDatabase;
  try {
    db = StationDatabase.open(home);
  } catch (e) {
    lock.release();
    throw e;
  }
  const audit = new AuditLog(db, `${safeUserName()} (${options.via})`);
  const vault = new Vault({
    db,
    audit,
    home,
    keychain: options.keychain === undefined ? osKeychain() : options.keychain,
    kdfLogN: options.kdfLogN,
  });
  const keystore = new Keystore(db, vault, audit);
  const eedk = new EedkService(keystore, audit);
  const imports = new KeystoreImport(keystore);
  const exports = new ExportsFolder({ dir: join(home, 'exports'), keystore, eedk, audit });
  const kmipLog = new KmipMessageLog(join(home, 'logs'));
  const servers = new KeyServers(db, keystore, audit, kmipLog);
  const jobs = new JobBoard();
  const usb = new UsbService({ ...options.usb, db, audit, vault, jobs, home });
  let selfTest: SelfTestCheck[] = [];
  return {
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
    kmipLog,
    exports,
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
      vault.lock('shutdown');
      db.close();
      lock.release();
    },
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}
