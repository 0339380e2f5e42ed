import { connect, type PeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import { isCustosError, CustosError, KmipCode } from '../../../contract/errors';
import { TtlvFrameReader } from './frame-reader';
import {
  connectTimeout,
  diagnoseConnectFailure,
  diagnoseServerCertificate,
  distinguishedName,
  type HandshakeContext,
} from './tls-diagnosis';
import { tlsConnectOptions, type PreparedTls } from './tls-options';
import type { KeptTlsSession, TlsSessionCache } from './tls-sessions';

/** What the TLS handshake settled, for results and health displays. */
export interface TlsSessionFacts {
  readonly tlsProtocol: string;
  readonly cipher: string;
  readonly serverCertificate: {
    readonly subject: string;
    readonly issuer: string;
    readonly fingerprint256: string;
    readonly notAfter: string;
  };
  /** 'mismatch-allowed': the certificate does not name the host and the custodian allowed it. */
  readonly hostname: 'verified' | 'mismatch-allowed';
}

/** Why an exchange got no response; `written` says whether request bytes may have gone out. */
export type ExchangeFailure =
  | { readonly kind: 'not-connected'; readonly written: false }
  | { readonly kind: 'lost'; readonly written: true; readonly code?: string }
  | { readonly kind: 'timeout'; readonly written: true }
  | { readonly kind: 'bad-frame'; readonly written: true; readonly error: CustosError };

export type ExchangeOutcome =
  { readonly ok: true; readonly response: Buffer } | { readonly ok: false; readonly failure: ExchangeFailure };

export interface ConnectParams {
  readonly host: string;
  readonly port: number;
  readonly tls: PreparedTls;
  readonly context: Omit<HandshakeContext, 'keyExchangeReached'>;
  readonly maxMessageBytes: number;
  readonly now: () => Date;
  /** The material already in OpenSSL form, when the client built it before. */
  readonly secureContext?: SecureContext;
  /** Where sessions to this server are kept and looked up (none: every handshake is a full one). */
  readonly sessions?: { readonly cache: TlsSessionCache; readonly key: string };
}

interface PendingExchange {
  readonly settle: (outcome: ExchangeOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One TLS connection to a key server carrying one request at a time. Failures to connect are
 * CustosErrors; failures of an exchange are values, so the caller can tell "never sent" from
 * "may have been carried out".
 */
export class KmipConnection {
  private pending: PendingExchange | undefined;
  private closed = false;
  private readonly reader: TtlvFrameReader;

  private constructor(
    private readonly socket: TLSSocket,
    readonly facts: TlsSessionFacts,
    maxMessageBytes: number,
  ) {
    this.reader = new TtlvFrameReader(maxMessageBytes);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.lost(error.code));
    socket.on('end', () => this.lost('EOF'));
    socket.on('close', () => this.lost('EOF'));
  }

  /** Connects and checks the server certificate; rejects with a diagnosed CustosError, having sent nothing. */
  static open(params: ConnectParams): Promise<KmipConnection> {
    return new Promise((resolve, reject) => {
      let keyExchangeReached = false;
      const context = (): HandshakeContext => ({ ...params.context, keyExchangeReached });
      let socket: TLSSocket;
      let settled = false;
      let accepted = false;
      let pendingSession: Buffer | undefined;
      let offered: KeptTlsSession | undefined;
      let checked: PeerCertificate | undefined;
      try {
        const { sessions } = params;
        offered = sessions?.cache.get(sessions.key);
        socket = connect(
          tlsConnectOptions(params.host, params.port, params.tls, {
            secureContext: params.secureContext,
            session: offered?.session,
          }),
        );
        // Stored as the server issues it (TLS 1.3 sends tickets after the handshake); kept only once the checks below pass.
        if (sessions !== undefined) {
          socket.on('session', (session: Buffer) => {
            if (settled && accepted && checked !== undefined)
              sessions.cache.set(sessions.key, { session, certificate: checked });
            else pendingSession = session;
          });
        }
      } catch (error) {
        reject(diagnoseConnectFailure(error, context()));
        return;
      }
      const fail = (error: CustosError): void => {
        if (settled) return;
        settled = true;
        // A session that led to a refusal is not offered again.
        if (params.sessions !== undefined) params.sessions.cache.forget(params.sessions.key);
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(connectTimeout(context())), params.context.timeoutMs);
      socket.on('keylog', () => {
        keyExchangeReached = true;
      });
      socket.once('error', (error) => fail(diagnoseConnectFailure(error, context())));
      socket.once('close', () => fail(diagnoseConnectFailure({ code: 'ERR_KMIP_CLOSED' }, context())));
      socket.once('secureConnect', () => {
        // A resumed session carries no certificate: the one checked when the session was made stands, dates re-checked.
        const resumed = offered !== undefined && socket.isSessionReused() ? offered : undefined;
        const certificate = resumed?.certificate ?? socket.getPeerCertificate();
        // A pinned certificate stands for itself: only its dates still count.
        const pinned = params.tls.pinned.has(certificate.fingerprint256);
        const chainError =
          resumed !== undefined
            ? pinnedValidity(certificate, params.now())
            : socket.authorized
              ? undefined
              : pinned
                ? pinnedValidity(certificate, params.now())
                : String(socket.authorizationError ?? 'UNTRUSTED');
        const refusal = diagnoseServerCertificate(certificate, chainError, params.host, context(), params.now());
        const mismatchAllowed = refusal?.code === 'TLS_HOSTNAME_MISMATCH' && params.tls.allowHostnameMismatch;
        if (refusal !== undefined && !mismatchAllowed) {
          fail(refusal);
          return;
        }
        if (settled) return;
        settled = true;
        accepted = true;
        checked = certificate;
        if (params.sessions !== undefined && pendingSession !== undefined)
          params.sessions.cache.set(params.sessions.key, { session: pendingSession, certificate });
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.removeAllListeners('close');
        socket.removeAllListeners('keylog');
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 30_000);
        const facts: TlsSessionFacts = {
          tlsProtocol: socket.getProtocol() ?? 'unknown',
          cipher: socket.getCipher().name,
          serverCertificate: {
            subject: distinguishedName(certificate.subject, ''),
            issuer: distinguishedName(certificate.issuer, ''),
            fingerprint256: certificate.fingerprint256,
            notAfter: new Date(certificate.valid_to).toISOString(),
          },
          hostname: mismatchAllowed ? 'mismatch-allowed' : 'verified',
        };
        resolve(new KmipConnection(socket, facts, params.maxMessageBytes));
      });
    });
  }

  /** False once the server closed the connection, an exchange failed, or close() was called. */
  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  /** Sends one request message and waits for one response message. */
  exchange(request: Uint8Array, timeoutMs: number): Promise<ExchangeOutcome> {
    if (!this.isOpen || this.pending !== undefined) {
      return Promise.resolve({ ok: false, failure: { kind: 'not-connected', written: false } });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.finish({ ok: false, failure: { kind: 'timeout', written: true } }),
        timeoutMs,
      );
      this.pending = { settle: resolve, timer };
      this.socket.write(request);
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
    this.finish({ ok: false, failure: { kind: 'lost', written: true, code: 'CLOSED' } });
  }

  private received(chunk: Buffer): void {
    let messages: Buffer[];
    try {
      messages = this.reader.push(chunk);
    } catch (error) {
      const refusal = isCustosError(error)
        ? error
        : new CustosError(KmipCode.BadResponse, 'The key server sent bytes that are not a KMIP message.');
      this.finish({ ok: false, failure: { kind: 'bad-frame', written: true, error: refusal } });
      return;
    }
    for (const message of messages) {
      // A message nobody asked for means the stream is out of step; nothing after it can be trusted.
      if (this.pending === undefined) {
        this.finish(undefined);
        return;
      }
      this.finish({ ok: true, response: message });
    }
  }

  private lost(code: string | undefined): void {
    this.finish({ ok: false, failure: { kind: 'lost', written: true, code } });
  }

  /** Settles the exchange under way; any failure also ends the connection. */
  private finish(outcome: ExchangeOutcome | undefined): void {
    const pending = this.pending;
    this.pending = undefined;
    if (outcome === undefined || !outcome.ok) {
      this.closed = true;
      this.socket.destroy();
    }
    if (pending === undefined || outcome === undefined) return;
    clearTimeout(pending.timer);
    pending.settle(outcome);
  }
}

function pinnedValidity(certificate: { valid_from: string; valid_to: string }, now: Date): string | undefined {
  if (Date.parse(certificate.valid_to) < now.getTime()) return 'CERT_HAS_EXPIRED';
  if (Date.parse(certificate.valid_from) > now.getTime()) return 'CERT_NOT_YET_VALID';
  return undefined;
}
