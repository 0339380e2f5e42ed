import type { EntryView, HealthReport, RetrievedChain, ServerDraft, StandingWarning, TestStep } from '../../contract';
import type { AuditLog } from '../audit';
import type { KmipTrafficListener } from '../kmip';
import type { Keystore } from '../keystore';
import type { StationDatabase } from '../station';
import { expiryCalendar } from './calendar';
import { KeyServerChecks } from './checks';
import type { ServerTestResult } from './connection-test';
import { KmipConsole } from './console';
import { HealthBook } from './health';
import { KeyServerRegistry } from './registry';
import { HealthWatch } from './schedule';
import { StationPair } from './station-pair';
import type { StationPairOptions } from './station-pair';
import { ServerStore } from './store';
import { TrustDecisions } from './trust';
import { standingWarnings } from './warnings';

export { retrieveServerChain, fingerprintMatches } from './retrieve';
export type { RetrievedChainWithDer } from './retrieve';
export { parseHostPort, normalizeAddress } from './address';
export { createSelfSignedIdentity, createIdentityRequest, importSignedIdentity } from './identity';
export type { IdentityRequest } from './identity';
export { expiryCalendar } from './calendar';
export type { ServerTestResult } from './connection-test';
export type { KeyServerPair, PairAnswer } from './pair';
export type { StationPair, StationPairOptions } from './station-pair';
export { healthState } from './health';

/**
 * Key servers: the registry, the certificate exchange's trust decisions, the pair every KMIP
 * flow goes through, the checks and health, the console and the expiry calendar. Each job lives
 * in its own file; this is the face the station, handlers and CLI use.
 */
export class KeyServers {
  readonly registry: KeyServerRegistry;
  /** The registered servers as the primary/secondary pair (reads fail over, changes go to the primary). */
  readonly pair: StationPair;
  readonly console: KmipConsole;
  private readonly trust: TrustDecisions;
  private readonly checks: KeyServerChecks;
  private readonly watch: HealthWatch;

  constructor(
    db: StationDatabase,
    private readonly keystore: Keystore,
    audit: AuditLog,
    traffic?: KmipTrafficListener,
    pairOptions: StationPairOptions = {},
  ) {
    this.registry = new KeyServerRegistry(db, keystore, audit);
    const health = new HealthBook(new ServerStore(db), pairOptions.now);
    this.pair = new StationPair(this.registry, keystore, health, traffic, () => this.watch.changed(), pairOptions);
    this.console = new KmipConsole(this.pair, keystore, audit);
    this.trust = new TrustDecisions(keystore);
    this.checks = new KeyServerChecks(this.registry, keystore, audit, health, this.pair, traffic);
    this.watch = new HealthWatch(
      this.registry,
      health,
      this.checks,
      audit,
      () => this.entriesByLabel(),
      () => this.warnings(),
    );
  }

  retrieve(host: string, port: number): Promise<RetrievedChain & { fetchId: string }> {
    return this.trust.retrieve(host, port);
  }

  trustRetrieved(fetchId: string, index: number, sha256: string, alias: string): EntryView {
    return this.trust.trustRetrieved(fetchId, index, sha256, alias);
  }

  trustUpload(file: Buffer, sha256: string, alias: string): EntryView {
    return this.trust.trustUpload(file, sha256, alias);
  }

  trustCertificate(der: Buffer, sha256: string, alias: string, origin: string): EntryView {
    return this.trust.trustCertificate(der, sha256, alias, origin);
  }

  testDraft(draft: ServerDraft): Promise<ServerTestResult> {
    return this.checks.testDraft(draft);
  }

  test(name: string): Promise<ServerTestResult> {
    return this.checks.test(name);
  }

  testKeyRetrieval(name: string): Promise<TestStep[]> {
    return this.checks.testKeyRetrieval(name);
  }

  ipp(name: string): Promise<TestStep[]> {
    return this.checks.ipp(name);
  }

  warnings(): StandingWarning[] {
    return standingWarnings(this.registry.list(), this.entriesByLabel());
  }

  healthReport(): HealthReport {
    return this.watch.report();
  }

  checkAll(): Promise<HealthReport> {
    return this.watch.checkAll();
  }

  setSchedule(minutes: number, o: { audited?: boolean } = {}): HealthReport {
    return this.watch.setSchedule(minutes, o);
  }

  onHealthChanged(listener: (report: HealthReport) => void): () => void {
    return this.watch.onChanged(listener);
  }

  /** Closes the pair's connections and wipes the identity's key (the vault locked); the next request reopens them. */
  closeConnections(): void {
    this.pair.close();
  }

  /** The station closes: the schedule stops, connections close, the identity's key is wiped. */
  stop(): void {
    this.watch.stop();
    this.pair.close();
  }

  /** Every certificate this station holds or trusts, with its expiry, as an .ics file. */
  calendar(): string {
    const certs = this.keystore
      .list()
      .filter((e) => e.certificate && e.state !== 'destroyed')
      .map((e) => ({ name: e.label, notAfter: e.certificate?.notAfter ?? '', sha256: e.certificate?.sha256 ?? '' }));
    return expiryCalendar(certs);
  }

  private entriesByLabel(): Map<string, EntryView> {
    try {
      return new Map(this.keystore.list().map((e) => [e.label.toLowerCase(), e]));
    } catch {
      return new Map(); // locked vault: warnings about certificates wait until it is open
    }
  }
}
