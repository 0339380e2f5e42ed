import { isCustosError, VaultCode } from '../../contract';
import type { KeyServerView, ServerDraft, TestStep } from '../../contract';
import type { AuditLog } from '../audit';
import { kmipOperations, nameAttribute } from '../kmip';
import type { KmipObjectContent, KmipTlsConfig, KmipTrafficListener } from '../kmip';
import type { Keystore } from '../keystore';
import { probeIpp, testKeyServer } from './connection-test';
import type { ServerTestResult } from './connection-test';
import type { HealthBook } from './health';
import type { KeyServerRegistry } from './registry';
import type { StationPair } from './station-pair';

const PROBE_STEPS = ['Create probe key', 'Get probe key', 'Destroy probe key'] as const;

/**
 * What a custodian runs to see whether a key server serves: the step-by-step connection test
 * of the certificate exchange, DS8000's "test key retrieval" (through the pair, on that one
 * server), and the IPP port probe. Each outcome goes to the server's health record.
 */
export class KeyServerChecks {
  constructor(
    private readonly registry: KeyServerRegistry,
    private readonly keystore: Keystore,
    private readonly audit: AuditLog,
    private readonly health: HealthBook,
    private readonly pair: StationPair,
    private readonly traffic: KmipTrafficListener | undefined,
  ) {}

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

  /** The step-by-step connection test of a registered server; its outcome goes to the health record. */
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
    if (result.ok) this.health.passed(server, result.latencyMs ?? 0);
    else if (result.failure) this.health.failed(server, result.failure);
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
    const server = this.registry.show(name);
    const steps: TestStep[] = [];
    const started = performance.now();
    let id: string | null = null;
    try {
      const created = await this.pair.runOn(
        server.name,
        kmipOperations.create({ attributes: [nameAttribute(`custos-probe-${Date.now()}`)] }),
      );
      const probe = created.value.uniqueIdentifier;
      id = probe;
      steps.push(passed(PROBE_STEPS[0], `Created ${probe}.`));
      const got = await this.pair.runOn(server.name, kmipOperations.get(probe));
      steps.push(passed(PROBE_STEPS[1], `Retrieved ${describeObject(got.value)}.`));
      await this.pair.runOn(server.name, kmipOperations.destroy(probe));
      steps.push(passed(PROBE_STEPS[2], `Destroyed ${probe}.`));
      this.health.passed(server, performance.now() - started);
      this.audit.record({ action: 'server.test-key-retrieval', object: server.name, outcome: 'ok' });
    } catch (e) {
      // A locked vault says nothing about the server.
      if (isCustosError(e) && (e.code === VaultCode.Locked || e.code === VaultCode.None)) throw e;
      const code = isCustosError(e) ? e.code : 'INTERNAL';
      const sentence = isCustosError(e) ? e.message : 'The probe stopped on an unexpected error.';
      steps.push({
        step: PROBE_STEPS[steps.length] ?? PROBE_STEPS[2],
        ok: false,
        detail: sentence,
        advice: id ? `The probe key ${id} may remain on the server; destroy it there.` : null,
        code,
      });
      this.health.failed(server, { code, sentence });
      this.audit.record({ action: 'server.test-key-retrieval', object: server.name, outcome: 'failed', detail: code });
    }
    return steps;
  }

  ipp(name: string): Promise<TestStep[]> {
    return probeIpp(this.registry.show(name));
  }

  /** The TLS material of a server for the length of `work`; the private key is wiped after. */
  private async withTls<T>(server: KeyServerView, work: (tls: KmipTlsConfig) => Promise<T>): Promise<T> {
    const tls = this.tlsFor(server);
    try {
      return await work(tls);
    } finally {
      tls.privateKey?.fill(0);
    }
  }

  /** TLS material for a server from the keystore: its trusted certificate, the station identity. */
  private tlsFor(server: KeyServerView): KmipTlsConfig {
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
}

function passed(step: string, detail: string): TestStep {
  return { step, ok: true, detail, advice: null, code: null };
}

function describeObject(o: KmipObjectContent): string {
  return `a ${o.objectType}${o.keyBlock?.bits ? ` of ${o.keyBlock.bits} bits` : ''}`;
}
