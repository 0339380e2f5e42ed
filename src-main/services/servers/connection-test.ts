import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { isCustosError } from '../../contract';
import type { KeyServerView, TestStep } from '../../contract';
import { KmipClient, kmipOperations } from '../kmip';
import type { KmipTlsConfig, KmipTrafficListener } from '../kmip';

export interface ServerTestResult {
  steps: TestStep[];
  ok: boolean;
  latencyMs: number | null;
  kmipVersion: string | null;
  /** First failing step's code and sentence, for the health record. */
  failure: { code: string; sentence: string } | null;
}

/** What to do next for each classic failure, in a custodian's words. */
const ADVICE: Record<string, string> = {
  SERVER_UNREACHABLE:
    'Check the address and KMIP port (usually 5696), that the key server is running, and firewalls between this station and it.',
  SERVER_TIMEOUT: 'The server did not answer in time: check the network path and the server load, then test again.',
  TLS_VERSION:
    'The server and this station share no TLS version: KMIP needs TLS 1.2 or later; ask for the server to be upgraded.',
  TLS_NO_SHARED_CIPHER: 'No cipher suite in common: ask the key server administrator which suites it allows.',
  TLS_SERVER_UNTRUSTED:
    'This station does not trust the server certificate: retrieve it again, compare the fingerprint with the administrator, and trust it (or its CA).',
  TLS_SERVER_CERT_EXPIRED:
    'The server certificate is outside its validity period: the key server administrator must renew it.',
  TLS_HOSTNAME_MISMATCH:
    'The certificate does not name this address: connect by the name in the certificate, or have it reissued with this address as a SAN.',
  TLS_CLIENT_CERT_NO_CLIENTAUTH:
    'The station certificate lacks the clientAuth usage: issue a new client identity (self-signed or from your CA).',
  TLS_CLIENT_CERT_EXPIRED:
    'The station certificate expired: issue a new client identity and exchange it with the key server.',
  TLS_CLIENT_CERT_REQUIRED:
    'The server wants a client certificate: choose or create the station identity for this server.',
  KMIP_AUTH_FAILED:
    'The key server has not accepted this station certificate yet: import it on the server as a trusted client device certificate and approve it if it is pending.',
  KMIP_PERMISSION_DENIED:
    'The server knows this station but does not allow this operation: ask its administrator to grant access (device group, permissions).',
  KMIP_OPERATION_NOT_SUPPORTED: 'The server does not support this operation; the connection itself works.',
  KMIP_VERSION_UNSUPPORTED: 'No KMIP version in common; this station speaks 1.0 to 2.1.',
};

const TLS_CODES = new Set([
  'TLS_VERSION',
  'TLS_NO_SHARED_CIPHER',
  'TLS_FAILED',
  'TLS_CLIENT_CERT_REQUIRED',
  'SERVER_TIMEOUT',
]);
const CERT_CODES = new Set([
  'TLS_SERVER_UNTRUSTED',
  'TLS_SERVER_CERT_EXPIRED',
  'TLS_HOSTNAME_MISMATCH',
  'TLS_CLIENT_CERT_NO_CLIENTAUTH',
  'TLS_CLIENT_CERT_EXPIRED',
  'KMIP_AUTH_FAILED',
]);

const STEP_NAMES: readonly string[] = [
  'TCP reach',
  'TLS handshake',
  'Certificates verified both ways',
  'KMIP DiscoverVersions',
  'KMIP Query',
];

/**
 * The certificate exchange's last check, step by step as a custodian would: can we reach the
 * port, does TLS come up (version, cipher), does each side trust the other, does KMIP answer.
 */
export async function testKeyServer(
  server: KeyServerView,
  tls: KmipTlsConfig,
  traffic?: KmipTrafficListener,
): Promise<ServerTestResult> {
  const steps: TestStep[] = [];
  const started = performance.now();
  const reach = await tcpReach(server.address, server.kmipPort);
  steps.push(
    reach.ok
      ? pass('TCP reach', `${server.address}:${server.kmipPort} accepts connections (${reach.ms} ms).`)
      : failedStep('TCP reach', reach.detail, 'SERVER_UNREACHABLE'),
  );
  if (!reach.ok) return finish(steps, null, null);

  const client = kmipClientFor(server, tls, traffic, { connectTimeoutMs: 8000, requestTimeoutMs: 15000 });
  try {
    const session = await client.connect();
    steps.push(pass('TLS handshake', `${session.tlsProtocol}, ${session.cipher}.`));
    steps.push(
      pass(
        'Certificates verified both ways',
        `The server presented ${session.serverCertificate.subject} (SHA-256 ${session.serverCertificate.fingerprint256.slice(0, 23)}…), trusted through "${server.trustLabel ?? 'the given CA'}"${session.hostname === 'mismatch-allowed' ? ', host name NOT checked (override on)' : ''}; it accepted this station's certificate.`,
      ),
    );
    steps.push(pass('KMIP DiscoverVersions', `Both speak KMIP ${session.protocolVersion}.`));
    const facts = await client.run(kmipOperations.query());
    steps.push(pass('KMIP Query', describeQuery(facts)));
    return finish(steps, Math.round(performance.now() - started), session.protocolVersion);
  } catch (e) {
    const code = isCustosError(e) ? e.code : 'KMIP_FAILED';
    const sentence = isCustosError(e) ? e.message : 'The test stopped on an unexpected error.';
    if (steps.length > 1)
      steps.push(failedStep('KMIP Query', sentence, code)); // connected; Query failed
    else if (TLS_CODES.has(code)) steps.push(failedStep('TLS handshake', sentence, code));
    else if (CERT_CODES.has(code)) {
      // The session either stopped on a certificate check, or came up and then the server refused our certificate.
      steps.push(
        code === 'KMIP_AUTH_FAILED'
          ? pass('TLS handshake', 'The TLS session came up.')
          : failedStep('TLS handshake', 'Stopped on a certificate check (next step).', code, false),
      );
      steps.push(failedStep('Certificates verified both ways', sentence, code));
    } else {
      steps.push(
        pass('TLS handshake', 'The TLS session came up.'),
        pass('Certificates verified both ways', 'Each side accepted the other.'),
      );
      steps.push(failedStep('KMIP DiscoverVersions', sentence, code));
    }
    return finish(steps, null, null);
  } finally {
    client.close();
  }
}

function describeQuery(facts: unknown): string {
  const f = facts as {
    operations?: unknown[];
    objectTypes?: unknown[];
    vendorIdentification?: string;
    serverInformation?: unknown;
  };
  const vendor = f.vendorIdentification ? `${f.vendorIdentification}; ` : '';
  return `${vendor}${f.operations?.length ?? 0} operations and ${f.objectTypes?.length ?? 0} object types offered.`;
}

function finish(steps: TestStep[], latencyMs: number | null, kmipVersion: string | null): ServerTestResult {
  for (const name of STEP_NAMES)
    if (!steps.some((s) => s.step === name))
      steps.push({ step: name, ok: false, detail: 'Not run: an earlier step failed.', advice: null, code: null });
  const first = steps.find((s) => !s.ok && s.code);
  return {
    steps,
    ok: !first,
    latencyMs,
    kmipVersion,
    failure: first ? { code: first.code ?? 'KMIP_FAILED', sentence: first.detail } : null,
  };
}

function pass(step: string, detail: string): TestStep {
  return { step, ok: true, detail, advice: null, code: null };
}

function failedStep(step: string, detail: string, code: string, withAdvice = true): TestStep {
  return {
    step,
    ok: false,
    detail,
    advice: withAdvice ? (ADVICE[code] ?? null) : null,
    code: withAdvice ? code : null,
  };
}

/** The one way a configured (or draft) key server becomes a KMIP client: IPv6 in brackets, named by its role. */
export function kmipClientFor(
  server: KeyServerView,
  tls: KmipTlsConfig,
  traffic?: KmipTrafficListener,
  timeouts: { connectTimeoutMs?: number; requestTimeoutMs?: number } = {},
): KmipClient {
  return new KmipClient({
    address: kmipAddress(server),
    tls,
    role: `${server.role} key server "${server.name}"`,
    traffic,
    ...timeouts,
  });
}

/** HOST:PORT of a server's KMIP port, an IPv6 address in brackets. */
export function kmipAddress(server: Pick<KeyServerView, 'address' | 'kmipPort'>): string {
  const host = server.address.includes(':') ? `[${server.address}]` : server.address;
  return `${host}:${server.kmipPort}`;
}

/** Plain TCP reach, with its connect time. */
export function tcpReach(
  host: string,
  port: number,
  timeoutMs = 5000,
): Promise<{ ok: true; ms: number } | { ok: false; detail: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, detail: `${host}:${port} did not answer within ${timeoutMs / 1000} s.` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: true, ms: Math.round(performance.now() - started) });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: `${host}:${port} refused or cannot be reached (${e.code ?? 'error'}).` });
    });
  });
}

/**
 * IBM's IPP is proprietary: Custos only checks that its ports answer (TCP 3801) and that the
 * TLS port (1441) completes a handshake and shows a certificate.
 */
export async function probeIpp(server: KeyServerView): Promise<TestStep[]> {
  const tcp = await tcpReach(server.address, server.ippTcpPort);
  const steps: TestStep[] = [
    tcp.ok
      ? pass(`IPP TCP ${server.ippTcpPort}`, `Answers (${tcp.ms} ms).`)
      : {
          step: `IPP TCP ${server.ippTcpPort}`,
          ok: false,
          detail: tcp.detail,
          advice: 'Only needed for drives that use IBM IPP instead of KMIP.',
          code: 'IPP_UNREACHABLE',
        },
  ];
  steps.push(await ippTls(server.address, server.ippTlsPort));
  return steps;
}

function ippTls(host: string, port: number): Promise<TestStep> {
  return new Promise((resolve) => {
    const name = `IPP TLS ${port}`;
    const socket = tlsConnect({
      host,
      port,
      rejectUnauthorized: false,
      servername: /[a-z]/i.test(host) && !host.includes(':') ? host : undefined,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({
        step: name,
        ok: false,
        detail: `No TLS handshake within 5 s.`,
        advice: 'Only needed for drives that use IBM IPP over TLS.',
        code: 'IPP_TIMEOUT',
      });
    }, 5000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      resolve(
        pass(
          name,
          `${socket.getProtocol() ?? 'TLS'} handshake completed; certificate ${cert.subject?.CN ?? ''} (SHA-256 ${cert.fingerprint256?.slice(0, 23) ?? '?'}…).`,
        ),
      );
      socket.destroy();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const seen = cert?.fingerprint256
        ? ` after it showed certificate SHA-256 ${cert.fingerprint256.slice(0, 23)}…`
        : '';
      resolve({
        step: name,
        ok: false,
        detail: `The TLS handshake failed (${e.code ?? 'error'})${seen}.`,
        advice: 'Only needed for drives that use IBM IPP over TLS.',
        code: 'IPP_TLS_FAILED',
      });
      socket.destroy();
    });
  });
}
