import { isCustosError, fail, KmipCode, ServerCode } from '../../contract';
import type { EntryView, HealthReport, KeyServerView, StandingWarning, TestStep } from '../../contract';
import type { AuditLog } from '../audit';
import type { Keystore } from '../keystore';
import { randomUUID } from 'node:crypto';
import type { RetrievedChain, ServerDraft } from '../../contract';
import { kmipOperations, nameAttribute, objectGroupAttribute, plainAttribute, SERVER_UNAVAILABLE_CODES } from '../kmip';
import type { KmipClient } from '../kmip';
import type { KmipObjectContent, KmipTlsConfig, KmipTrafficListener } from '../kmip';
import type { StationDatabase } from '../station';
import { expiryCalendar } from './calendar';
import { kmipClientFor, probeIpp, tcpReach, testKeyServer } from './connection-test';
import type { ServerTestResult } from './connection-test';
import { HealthRecord } from './health';
import { KeyServerRegistry } from './registry';
import { fingerprintMatches, retrieveServerChain } from './retrieve';
import { standingWarnings } from './warnings';
import type { KeyServerPair, PairAnswer } from './pair';

export { retrieveServerChain, fingerprintMatches } from './retrieve';
export type { RetrievedChainWithDer } from './retrieve';
export { parseHostPort, normalizeAddress } from './address';
export { createSelfSignedIdentity, createIdentityRequest, importSignedIdentity } from './identity';
export type { IdentityRequest } from './identity';
export { expiryCalendar } from './calendar';
export type { ServerTestResult } from './connection-test';
export type { KeyServerPair, PairAnswer } from './pair';

/** Key servers: the registry, the certificate exchange's checks, health and the expiry calendar. */
export class KeyServers {
  readonly registry: KeyServerRegistry;
  private readonly health: HealthRecord;
  /** Chains retrieved for a trust decision, kept briefly so the decision names exactly what was shown. */
  private readonly fetched = new Map<string, { der: Buffer[]; at: number }>();
  private schedule: { minutes: number; timer: ReturnType<typeof setInterval> | null } = { minutes: 0, timer: null };
  private readonly healthListeners = new Set<(report: HealthReport) => void>();

  constructor(
    db: StationDatabase,
    private readonly keystore: Keystore,
    private readonly audit: AuditLog,
    private readonly traffic?: KmipTrafficListener,
  ) {
    this.registry = new KeyServerRegistry(db, keystore, audit);
    this.health = new HealthRecord(db);
  }

  /**
   * The registered servers as a pair. Interim: one connection per call through withClient;
   * the failover pool (with its one health model) takes this place.
   */
  readonly pair: KeyServerPair = {
    members: () =>
      [...this.registry.list()]
        .sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1))
        .map((s) => ({ name: s.name, role: s.role })),
    runOn: (server, operation) =>
      this.withClient(server, async (client, view) => ({
        value: await client.run(operation),
        server: view.name,
        role: view.role,
      })),
    run: async (operation) => {
      const members = this.pair.members();
      const candidates = operation.idempotent ? members : members.filter((m) => m.role === 'primary');
      let last: unknown = null;
      for (const member of candidates) {
        try {
          return await this.pair.runOn(member.name, operation);
        } catch (e) {
          last = e;
          if (!isCustosError(e) || !SERVER_UNAVAILABLE_CODES.has(e.code)) throw e;
        }
      }
      if (last) throw last;
      return fail(KmipCode.NoServer, 'No key server is registered on this station.');
    },
    batch: async (operations) => {
      const idempotent = operations.every((o) => o.idempotent);
      const members = this.pair.members();
      const candidates = idempotent ? members : members.filter((m) => m.role === 'primary');
      let last: unknown = null;
      for (const member of candidates) {
        try {
          return await this.withClient(member.name, async (client, view) => {
            const results = await client.batch(operations);
            const answer: PairAnswer<typeof results> = { value: results, server: view.name, role: view.role };
            return answer as never;
          });
        } catch (e) {
          last = e;
          if (!isCustosError(e) || !SERVER_UNAVAILABLE_CODES.has(e.code)) throw e;
        }
      }
      if (last) throw last;
      return fail(KmipCode.NoServer, 'No key server is registered on this station.');
    },
  };

  async retrieve(host: string, port: number): Promise<RetrievedChain & { fetchId: string }> {
    const { der, ...chain } = await retrieveServerChain(host, port);
    const fetchId = randomUUID();
    const cutoff = Date.now() - 15 * 60_000;
    for (const [id, f] of this.fetched) if (f.at < cutoff) this.fetched.delete(id);
    this.fetched.set(fetchId, { der, at: Date.now() });
    return { ...chain, fetchId };
  }

  /** The explicit trust decision of the wizard: the certificate shown, with the fingerprint compared. */
  trustRetrieved(fetchId: string, index: number, sha256: string, alias: string): EntryView {
    const der = this.fetched.get(fetchId)?.der[index];
    if (!der) fail(ServerCode.FetchExpired, 'That retrieved certificate is no longer at hand; retrieve it again.');
    return this.trustCertificate(der, sha256, alias, 'retrieved over TLS');
  }

  trustCertificate(der: Buffer, sha256: string, alias: string, origin: string): EntryView {
    if (!fingerprintMatches(der, sha256)) {
      fail(
        ServerCode.FingerprintMismatch,
        'The certificate does not have the SHA-256 fingerprint given; nothing was trusted. Compare it again with the key server administrator.',
      );
    }
    return this.keystore.add(
      { label: alias, type: 'trusted-certificate', origin, certificateDer: der },
      'server.trust',
      `SHA-256 ${sha256.slice(0, 23)}…`,
    );
  }

  /** Tests a configuration before it is saved (the wizard's test step); records no health. */
  async testDraft(draft: ServerDraft): Promise<ServerTestResult> {
    const view: KeyServerView = {
      id: 'draft',
      name: draft.name ?? 'new key server',
      address: draft.address,
      kmipPort: draft.kmipPort ?? 5696,
      ippTcpPort: draft.ippTcpPort ?? 3801,
      ippTlsPort: draft.ippTlsPort ?? 1441,
      role: draft.role ?? 'primary',
      trustLabel: draft.trustLabel ?? null,
      identityLabel: draft.identityLabel ?? null,
      verifyHostname: draft.verifyHostname !== false,
      kmipVersion: null,
      createdAt: new Date().toISOString(),
    };
    return this.withTls(view, (tls) => testKeyServer(view, tls, this.traffic));
  }

  /** Runs work with a configured server's client and the station's identity; closes it and wipes the key after. */
  withClient<T>(name: string, work: (client: KmipClient, server: KeyServerView) => Promise<T>): Promise<T> {
    const server = this.registry.show(name);
    return this.withTls(server, async (tls) => {
      const client = kmipClientFor(server, tls, this.traffic);
      try {
        return await work(client, server);
      } finally {
        client.close();
      }
    });
  }

  /** The TLS material of a server for the length of `work`; the private key is wiped after. */
  private async withTls<T>(server: KeyServerView, work: (tls: KmipTlsConfig) => Promise<T>): Promise<T> {
    const tls = this.tlsFor(server);
    try {
      return await work(tls);
    } finally {
      (tls.privateKey as Buffer | undefined)?.fill(0);
    }
  }

  consoleQuery(name: string) {
    return this.withClient(name, async (client) => {
      const facts = await client.run(kmipOperations.query());
      return {
        operations: [...facts.operations],
        objectTypes: [...facts.objectTypes],
        vendor: facts.vendorIdentification ?? null,
        serverInformation: facts.serverInformation ?? null,
      };
    });
  }

  consoleLocate(name: string, criteria: { name?: string; group?: string; offset: number; max: number }) {
    return this.withClient(name, async (client) => {
      const attributes = [
        ...(criteria.name ? [nameAttribute(criteria.name)] : []),
        ...(criteria.group ? [objectGroupAttribute(criteria.group)] : []),
      ];
      const found = await client.run(
        kmipOperations.locate({ attributes, maximumItems: criteria.max, offsetItems: criteria.offset || undefined }),
      );
      return { ids: [...found.uniqueIdentifiers] };
    });
  }

  /** Attributes as name/value text; a console never shows key material, and attributes carry none. */
  consoleAttributes(name: string, id: string) {
    return this.withClient(name, async (client) => {
      const { attributes } = await client.run(kmipOperations.getAttributes(id));
      return attributes.map((a) => {
        const plain = plainAttribute(a);
        return {
          name: plain.index ? `${plain.name} [${plain.index}]` : plain.name,
          value: typeof plain.value === 'string' ? plain.value : JSON.stringify(plain.value),
        };
      });
    });
  }

  warnings(): StandingWarning[] {
    return standingWarnings(this.registry.list(), this.entriesByLabel());
  }

  /** TLS material for a server from the keystore: its trusted certificate, the station identity. Wipe `privateKey` after use. */
  tlsFor(server: KeyServerView): KmipTlsConfig {
    const ca = server.trustLabel ? [this.keystore.certificateOf(server.trustLabel)] : [];
    if (!server.identityLabel) return { ca, allowHostnameMismatch: !server.verifyHostname };
    const { secret } = this.keystore.secretOf(server.identityLabel);
    return {
      ca,
      certificate: this.keystore.certificateOf(server.identityLabel),
      privateKey: secret,
      allowHostnameMismatch: !server.verifyHostname,
    };
  }

  async test(name: string): Promise<ServerTestResult> {
    const server = this.registry.show(name);
    let result: ServerTestResult;
    try {
      // testKeyServer reports every failure as a step; only an unusable station identity throws here.
      result = await this.withTls(server, (tls) => testKeyServer(server, tls, this.traffic));
    } catch (e) {
      const sentence = isCustosError(e) ? e.message : 'The station identity cannot be used.';
      return {
        ok: false,
        latencyMs: null,
        kmipVersion: null,
        failure: { code: isCustosError(e) ? e.code : 'INTERNAL', sentence },
        steps: [{ step: 'Station identity', ok: false, detail: sentence, advice: null, code: null }],
      };
    }
    const tcpOnly = !result.ok && result.steps[0]?.ok === true;
    this.health.record(server.id, { ok: result.ok, latencyMs: result.latencyMs, failure: result.failure, tcpOnly });
    if (result.ok && result.kmipVersion && result.kmipVersion !== server.kmipVersion)
      this.registry.pinVersion(server.name, result.kmipVersion);
    this.audit.record({
      action: 'server.test',
      object: server.name,
      outcome: result.ok ? 'ok' : 'failed',
      detail: result.failure?.code ?? `KMIP ${result.kmipVersion ?? ''}`,
    });
    return result;
  }

  /** "Test key retrieval": Create + Get + Destroy of a probe key, as DS8000's testaccess retrieves a key from each server. */
  async testKeyRetrieval(name: string): Promise<TestStep[]> {
    return this.withClient(name, async (client, server) => {
      const steps: TestStep[] = [];
      const started = performance.now();
      let id: string | null = null;
      try {
        const created = await client.run(
          kmipOperations.create({ attributes: [nameAttribute(`custos-probe-${Date.now()}`)] }),
        );
        const probe = created.uniqueIdentifier;
        id = probe;
        steps.push({ step: 'Create probe key', ok: true, detail: `Created ${probe}.`, advice: null, code: null });
        const got = await client.run(kmipOperations.get(probe));
        steps.push({
          step: 'Get probe key',
          ok: true,
          detail: `Retrieved ${describeObject(got)}.`,
          advice: null,
          code: null,
        });
        await client.run(kmipOperations.destroy(probe));
        steps.push({ step: 'Destroy probe key', ok: true, detail: `Destroyed ${probe}.`, advice: null, code: null });
        this.health.record(server.id, {
          ok: true,
          latencyMs: Math.round(performance.now() - started),
          failure: null,
          tcpOnly: false,
        });
        this.audit.record({ action: 'server.test-key-retrieval', object: server.name, outcome: 'ok' });
      } catch (e) {
        const code = isCustosError(e) ? e.code : 'INTERNAL';
        const sentence = isCustosError(e) ? e.message : 'The probe stopped on an unexpected error.';
        steps.push({
          step: ['Create probe key', 'Get probe key', 'Destroy probe key'][steps.length] ?? 'Destroy probe key',
          ok: false,
          detail: sentence,
          advice: id ? `The probe key ${id} may remain on the server; destroy it there.` : null,
          code,
        });
        const reach = await tcpReach(server.address, server.kmipPort);
        this.health.record(server.id, { ok: false, latencyMs: null, failure: { code, sentence }, tcpOnly: reach.ok });
        this.audit.record({
          action: 'server.test-key-retrieval',
          object: server.name,
          outcome: 'failed',
          detail: code,
        });
      }
      return steps;
    });
  }

  ipp(name: string): Promise<TestStep[]> {
    return probeIpp(this.registry.show(name));
  }

  healthReport(): HealthReport {
    const entries = this.entriesByLabel();
    const report = this.health.report(this.registry.list(), (label) =>
      label ? (entries.get(label.toLowerCase())?.certificate?.notAfter ?? null) : null,
    );
    return {
      servers: report.servers,
      events: [...report.events, ...this.warnings().filter((w) => w.code.startsWith('CERTIFICATE_'))],
      checkEveryMinutes: this.schedule.minutes,
    };
  }

  /** Tests key retrieval on every server, one after the other, and reports the new health. */
  async checkAll(): Promise<HealthReport> {
    for (const s of this.registry.list()) await this.testKeyRetrieval(s.name).catch(() => undefined);
    const report = this.healthReport();
    for (const l of this.healthListeners) l(report);
    return report;
  }

  /** Runs checkAll every `minutes` (0 stops it) while this process runs. */
  setSchedule(minutes: number): HealthReport {
    if (this.schedule.timer) clearInterval(this.schedule.timer);
    this.schedule = { minutes, timer: minutes > 0 ? setInterval(() => void this.checkAll(), minutes * 60_000) : null };
    this.schedule.timer?.unref();
    this.audit.record({
      action: 'server.schedule',
      object: 'key servers',
      outcome: 'ok',
      detail: minutes ? `every ${minutes} min` : 'off',
    });
    return this.healthReport();
  }

  onHealthChanged(listener: (report: HealthReport) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  stop(): void {
    if (this.schedule.timer) clearInterval(this.schedule.timer);
    this.schedule.timer = null;
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

function describeObject(o: KmipObjectContent): string {
  return `a ${o.objectType}${o.keyBlock?.bits ? ` of ${o.keyBlock.bits} bits` : ''}`;
}
