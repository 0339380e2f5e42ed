import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import { checkServerIdentity, connect } from 'node:tls';
import { CustosError, NetworkCode } from '../../contract';
import type { RetrievedChain } from '../../contract';
import { inspectCertificate } from '../certs';

export interface RetrievedChainWithDer extends RetrievedChain {
  /** DER of each certificate, leaf first: what a trust decision stores. */
  der: Buffer[];
}

const WELL_KNOWN = new Map([
  [5696, null],
  [1441, null],
  [1443, null],
  [443, 'Port 443 is usually a web server, not a key server: KMIP listens on 5696 and IBM IPP over TLS on 1441.'],
]);

/**
 * Retrieves a server's certificate chain over TLS without trusting it, for the custodian to
 * compare out of band. Key servers usually demand a client certificate the station may not
 * have yet; the chain arrives before that demand, so it is read even when the handshake fails.
 */
export function retrieveServerChain(host: string, port: number, timeoutMs = 8000): Promise<RetrievedChainWithDer> {
  return new Promise((resolve, reject) => {
    const warnings = [WELL_KNOWN.get(port)].filter((w): w is string => typeof w === 'string');
    const socket = connect({
      host,
      port,
      servername: isName(host) ? host : undefined,
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
    });
    let settled = false;
    const settle = (work: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      work();
      socket.destroy();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new CustosError(
              NetworkCode.Timeout,
              `${host}:${port} did not complete a TLS handshake within ${timeoutMs / 1000} s.`,
            ),
          ),
        ),
      timeoutMs,
    );
    /** `stopped` is null when the handshake completed, else why it did not. */
    const report = (stopped: string | null) =>
      settle(() => {
        const der = collectChain(socket.getPeerCertificate(true));
        if (der.length === 0) {
          const versions = stopped?.startsWith('no TLS version');
          return reject(
            versions
              ? new CustosError(
                  NetworkCode.TlsVersion,
                  `${host}:${port} and this station share no TLS version: the server may speak only TLS 1.1 or older, and KMIP needs TLS 1.2 or later. Ask for the key server to be upgraded.`,
                )
              : new CustosError(
                  NetworkCode.NoCertificate,
                  `${host}:${port} sent no certificate${stopped ? ` (${stopped})` : ''}; check that this port is a TLS service.`,
                ),
          );
        }
        const protocol = stopped ? null : socket.getProtocol();
        if (protocol === 'TLSv1' || protocol === 'TLSv1.1')
          warnings.push(`The server speaks ${protocol}, which key servers must not use; KMIP needs TLS 1.2 or later.`);
        if (stopped?.startsWith('no TLS version'))
          warnings.push(
            'The server offers only an old TLS version (1.1 or older), which key servers must not use; KMIP needs TLS 1.2 or later. Ask for it to be upgraded.',
          );
        warnings.push(...certificateWarnings(host, socket.getPeerCertificate(), der[0] as Buffer));
        resolve({
          host,
          port,
          chain: der.map(describe),
          der,
          protocol,
          cipher: stopped ? null : (socket.getCipher()?.name ?? null),
          handshake: stopped ? `stopped after the server sent its certificates: ${stopped}` : 'completed',
          warnings,
        });
      });
    socket.once('secureConnect', () => report(null));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code && UNREACHABLE.has(e.code)) {
        return settle(() =>
          reject(
            new CustosError(
              NetworkCode.Unreachable,
              `Nothing answered at ${host}:${port} (${e.code}). Check the address, the port and any firewall.`,
            ),
          ),
        );
      }
      report(stopReason(e));
    });
  });
}

/** What a custodian should notice before trusting: dates, the name, self-signed. */
function certificateWarnings(host: string, peer: PeerCertificate, leaf: Buffer): string[] {
  const out: string[] = [];
  const cert = new X509Certificate(leaf);
  const now = Date.now();
  if (Date.parse(cert.validTo) < now)
    out.push(
      `The server certificate expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}: connections will fail until the key server administrator renews it.`,
    );
  if (Date.parse(cert.validFrom) > now)
    out.push(
      `The server certificate is not valid before ${new Date(cert.validFrom).toISOString().slice(0, 10)}: check the clocks of this station and of the key server.`,
    );
  if (checkServerIdentity(host, peer) !== undefined)
    out.push(
      `The server certificate does not name ${host}: connect by a name it lists, or have it reissued with this address as a SAN.`,
    );
  if (cert.subject === cert.issuer && cert.verify(cert.publicKey))
    out.push(
      'The server certificate is self-signed: trust exactly this certificate, after comparing its fingerprint with the key server administrator.',
    );
  return out;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

function stopReason(e: NodeJS.ErrnoException): string {
  const text = `${e.code ?? ''} ${e.message}`;
  if (/ALERT_HANDSHAKE_FAILURE|CERTIFICATE_REQUIRED|peer did not return a certificate/i.test(text))
    return 'the server wants a client certificate it trusts';
  // TLS 1.1 fails in OpenSSL 3 on the version, or on its MD5-SHA1 handshake signature.
  if (/UNSUPPORTED_PROTOCOL|VERSION|protocol version|LEGACY_SIGALG/i.test(text))
    return 'no TLS version in common (the server may speak only TLS 1.1 or older)';
  if (/NO_SHARED_CIPHER|no shared cipher/i.test(text)) return 'no cipher suite in common';
  return e.code ?? 'TLS error';
}

function describe(der: Buffer) {
  const f = inspectCertificate(der);
  return {
    subject: f.subject,
    issuer: f.issuer,
    notBefore: f.notBefore,
    notAfter: f.notAfter,
    sha256: f.sha256,
    sha1: f.sha1,
    san: f.subjectAltNames,
    keyType: f.keyType,
    keyBits: f.keyBits,
    selfSigned: f.selfSigned,
  };
}

function collectChain(leaf: DetailedPeerCertificate | undefined): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  for (
    let c: DetailedPeerCertificate | undefined = leaf;
    c?.raw && !seen.has(c.fingerprint256);
    c = c.issuerCertificate
  ) {
    seen.add(c.fingerprint256);
    chain.push(Buffer.from(c.raw));
  }
  return chain;
}

function isName(host: string): boolean {
  return !/^[0-9.]+$/.test(host) && !host.includes(':');
}

/** True when `der` (a server or CA certificate) matches the colon-hex SHA-256 the custodian compared. */
export function fingerprintMatches(der: Buffer, sha256: string): boolean {
  const want = sha256.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return want.length === 64 && new X509Certificate(der).fingerprint256.replace(/:/g, '') === want;
}
