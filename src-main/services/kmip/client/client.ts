import { createSecureContext, type SecureContext } from 'node:tls';
import { isCustosError, CustosError, fail, KmipCode, NetworkCode } from '../../../contract/errors';
import {
  buildRequestMessage,
  formatVersion,
  readResponseMessage,
  type KmipAttribute,
  type ResponseMessage,
  type ProtocolVersion,
} from '../messages';
import { decodeTtlv, DEFAULT_MAX_MESSAGE_BYTES, dateTimeFromDate, encodeTtlv, type TtlvNode } from '../ttlv';
import { formatKmipAddress, parseKmipAddress, type KmipAddress } from './address';
import {
  buildBatchRequest,
  correlateBatch,
  type KmipBatchOptions,
  type KmipBatchResults,
  type KmipItemResult,
} from './batch';
import {
  checkClientCertificateDates,
  preflightClientCertificate,
  type ClientCertificateFacts,
} from './client-certificate';
import { KmipConnection, type TlsSessionFacts } from './connection';
import { describeRequest, outcomeUnknown, transportError, unreadableAnswer } from './exchange-failure';
import type { KmipObjectContent, RegistrableObject } from './managed-objects';
import { chooseVersion, DEFAULT_VERSION_PREFERENCES, discoveryHeaderVersion } from './negotiation';
import * as ops from './operations';
import type { KmipOperation } from './operations';
import { diagnoseConnectFailure } from './tls-diagnosis';
import type { KmipTlsConfig, PreparedTls } from './tls-options';
import { prepareTls } from './tls-material';
import { secureContextOptions } from './tls-options';
import { kmipTlsSessions, tlsSessionKey, type TlsSessionCache } from './tls-sessions';

/** Receives every message as it goes out and comes in (the message log is one). */
export interface KmipTrafficListener {
  request(server: string, message: TtlvNode): void;
  response(server: string, message: TtlvNode, elapsedMs: number): void;
}

export interface KmipClientOptions {
  /** HOST:PORT of the key server. */
  readonly address: string;
  readonly tls: KmipTlsConfig;
  /** How sentences name this server: "key server" unless given ("primary key server"). */
  readonly role?: string;
  /** Versions to negotiate with DiscoverVersions, preferred first (2.0, 1.4, 1.3, 1.2 unless given). */
  readonly versionPreferences?: readonly ProtocolVersion[];
  /** Use this version without asking the server. */
  readonly version?: ProtocolVersion;
  /** How long one request may wait for its answer (30 s unless given). */
  readonly requestTimeoutMs?: number;
  /** How long TCP connect plus TLS handshake may take (10 s unless given). */
  readonly connectTimeoutMs?: number;
  /** Put a Time Stamp in each request header; off, since servers reject clocks that disagree. */
  readonly sendTimeStamp?: boolean;
  /** Largest response accepted (4 MiB unless given). */
  readonly maxMessageBytes?: number;
  readonly traffic?: KmipTrafficListener;
  /** The clock, for certificate dates and time stamps. */
  readonly now?: () => Date;
  /** Where TLS sessions are kept for resumption: the process's shared cache unless given; false: none. */
  readonly tlsSessions?: TlsSessionCache | false;
}

/** What a result came through: the server, TLS and KMIP version. Plain data. */
export interface KmipSessionInfo extends TlsSessionFacts {
  readonly address: string;
  readonly protocolVersion: string;
  readonly versionSource: 'discovered' | 'configured';
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * A KMIP client for one key server over mutual TLS. One connection, reused and reopened when
 * the server closes it; requests go one at a time. The protocol version is negotiated once per
 * client and kept across reconnects. A request that changes the server is never sent twice:
 * when it may have arrived but no answer came, KMIP_OUTCOME_UNKNOWN says so.
 */
export class KmipClient {
  readonly address: string;
  private readonly endpoint: KmipAddress;
  private readonly server: string;
  private readonly tls: PreparedTls;
  private readonly now: () => Date;
  private connection: KmipConnection | undefined;
  private connectionUsed = false;
  private version: ProtocolVersion | undefined;
  private lastSession: KmipSessionInfo | undefined;
  private clientCertificate: ClientCertificateFacts | undefined;
  /** The TLS material parsed into OpenSSL once, reused by every reconnect; dropped on dispose. */
  private secureContext: SecureContext | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: KmipClientOptions) {
    this.endpoint = parseKmipAddress(options.address);
    this.address = formatKmipAddress(this.endpoint);
    this.server = `${options.role ?? 'key server'} ${this.address}`;
    this.tls = prepareTls(options.tls);
    this.now = options.now ?? (() => new Date());
    this.version = options.version;
  }

  /** The session of the last connection, once one was made. */
  session(): KmipSessionInfo | undefined {
    return this.lastSession;
  }

  /** Connects and settles the protocol version, if not done yet. */
  connect(): Promise<KmipSessionInfo> {
    return this.exclusive(async () => {
      await this.ready();
      if (this.lastSession === undefined) fail(KmipCode.BadResponse, `No session with the ${this.server}.`);
      return this.lastSession;
    });
  }

  /** One operation; its failure is thrown as a CustosError. */
  async run<T>(operation: KmipOperation<T>, options: KmipBatchOptions = {}): Promise<T> {
    const [result] = await this.send([operation], options);
    if (result === undefined || result.status === 'not-run') {
      fail(KmipCode.BadResponse, `The ${this.server} did not answer the request.`);
    }
    if (result.status === 'failed') throw result.error;
    // Sound: correlateBatch reads item i with operations[i], whose result type is T.
    return result.value as T;
  }

  /** Several operations in one message; each has its own result, in order. */
  async batch<const Ops extends readonly KmipOperation<unknown>[]>(
    operations: Ops,
    options: KmipBatchOptions = {},
  ): Promise<KmipBatchResults<Ops>> {
    // Sound: send returns one result per operation, in order, read by that operation.
    return (await this.send(operations, options)) as KmipBatchResults<Ops>;
  }

  /** Closes the connection; the next request opens a new one. */
  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }

  /** Closes the connection for good and wipes the client's copy of the private key. */
  dispose(): void {
    this.close();
    this.disposed = true;
    this.secureContext = undefined;
    this.tls.privateKeyPem?.fill(0);
  }

  // Typed helpers: one call per operation.

  discoverVersions(versions: readonly ProtocolVersion[] = this.preferences()): Promise<ProtocolVersion[]> {
    return this.run(ops.discoverVersions(versions));
  }

  query(functions?: readonly number[]): Promise<ops.KmipServerFacts> {
    return this.run(ops.query(functions));
  }

  create(spec?: ops.SymmetricKeySpec): Promise<ops.KmipCreated> {
    return this.run(ops.create(spec));
  }

  createKeyPair(spec?: ops.KeyPairSpec): Promise<ops.KmipKeyPairCreated> {
    return this.run(ops.createKeyPair(spec));
  }

  register(object: RegistrableObject, attributes?: readonly KmipAttribute[]): Promise<ops.KmipObjectId> {
    return this.run(ops.register(object, attributes));
  }

  locate(criteria?: ops.LocateCriteria): Promise<ops.KmipLocated> {
    return this.run(ops.locate(criteria));
  }

  /**
   * Every match, asked for a page at a time (Maximum Items / Offset Items). Before KMIP 1.3,
   * which has no Offset Items, one unbounded Locate.
   */
  async locateAll(attributes: readonly KmipAttribute[] = [], pageSize = 500): Promise<string[]> {
    const version = await this.negotiatedVersion();
    if (version.major === 1 && version.minor < 3) return [...(await this.locate({ attributes })).uniqueIdentifiers];
    const found: string[] = [];
    for (;;) {
      const page = await this.locate({ attributes, maximumItems: pageSize, offsetItems: found.length });
      found.push(...page.uniqueIdentifiers);
      if (page.uniqueIdentifiers.length < pageSize) return found;
    }
  }

  get(id: string, options?: ops.GetOptions): Promise<KmipObjectContent> {
    return this.run(ops.get(id, options));
  }

  getAttributes(id: string, names?: readonly string[]): Promise<ops.KmipAttributes> {
    return this.run(ops.getAttributes(id, names));
  }

  getAttributeList(id: string): Promise<ops.KmipAttributeNames> {
    return this.run(ops.getAttributeList(id));
  }

  addAttribute(id: string, attribute: KmipAttribute): Promise<ops.KmipObjectId> {
    return this.run(ops.addAttribute(id, attribute));
  }

  modifyAttribute(id: string, attribute: KmipAttribute, current?: KmipAttribute): Promise<ops.KmipObjectId> {
    return this.run(ops.modifyAttribute(id, attribute, current));
  }

  setAttribute(id: string, attribute: KmipAttribute): Promise<ops.KmipObjectId> {
    return this.run(ops.setAttribute(id, attribute));
  }

  deleteAttribute(id: string, target: ops.AttributeToDelete): Promise<ops.KmipObjectId> {
    return this.run(ops.deleteAttribute(id, target));
  }

  activate(id: string): Promise<ops.KmipObjectId> {
    return this.run(ops.activate(id));
  }

  revoke(id: string, revocation?: ops.Revocation): Promise<ops.KmipObjectId> {
    return this.run(ops.revoke(id, revocation));
  }

  destroy(id: string): Promise<ops.KmipObjectId> {
    return this.run(ops.destroy(id));
  }

  reKey(id: string, options?: ops.ReKeyOptions): Promise<ops.KmipObjectId> {
    return this.run(ops.reKey(id, options));
  }

  /** The protocol version in use, negotiating it first if needed. */
  negotiatedVersion(): Promise<ProtocolVersion> {
    return this.exclusive(() => this.ready());
  }

  // Internals.

  private preferences(): readonly ProtocolVersion[] {
    return this.options.versionPreferences ?? DEFAULT_VERSION_PREFERENCES;
  }

  /** Runs work after every earlier request has finished: one request on the wire at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private send(
    operations: readonly KmipOperation<unknown>[],
    options: KmipBatchOptions,
  ): Promise<KmipItemResult<unknown>[]> {
    if (operations.length === 0) return Promise.resolve([]);
    return this.exclusive(async () => {
      const version = await this.ready();
      return this.exchange(operations, version, options);
    });
  }

  private async ready(): Promise<ProtocolVersion> {
    await this.open();
    if (this.version !== undefined) return this.version;
    const preferences = this.preferences();
    const [outcome] = await this.exchange([ops.discoverVersions(preferences)], discoveryHeaderVersion(preferences), {});
    let offered: readonly ProtocolVersion[] = [];
    // Sound: the one operation sent is DiscoverVersions, which reads a ProtocolVersion[].
    if (outcome?.status === 'ok') offered = outcome.value as ProtocolVersion[];
    else if (outcome?.status === 'failed' && !this.isUnsupported(outcome.error)) throw outcome.error;
    const chosen = chooseVersion(preferences, offered) ?? this.oldestWhenUndiscoverable(preferences, outcome);
    if (chosen === undefined) {
      fail(
        KmipCode.VersionUnsupported,
        `The ${this.server} speaks none of the KMIP versions Custos asked for (${preferences.map(formatVersion).join(', ')}); it offered ${offered.length === 0 ? 'none of them' : offered.map(formatVersion).join(', ')}.`,
      );
    }
    this.version = chosen;
    this.recordSession();
    return chosen;
  }

  private isUnsupported(error: CustosError): boolean {
    return error.code === KmipCode.OperationNotSupported;
  }

  /** A KMIP 1.0 server has no DiscoverVersions; 1.0 is then used if it was asked for. */
  private oldestWhenUndiscoverable(
    preferences: readonly ProtocolVersion[],
    outcome: KmipItemResult<unknown> | undefined,
  ): ProtocolVersion | undefined {
    if (outcome?.status !== 'failed') return undefined;
    return preferences.find((version) => version.major === 1 && version.minor === 0);
  }

  private async open(): Promise<KmipConnection> {
    if (this.connection?.isOpen === true) return this.connection;
    // Sent nowhere: the caller may try another server.
    if (this.disposed) fail(NetworkCode.Unreachable, `The connection to the ${this.server} was closed for good.`);
    this.connection = undefined;
    if (this.tls.certificatePem !== undefined && this.tls.privateKeyPem !== undefined) {
      // Checked once (key match, usage); only the dates can change between reconnects.
      this.clientCertificate =
        this.clientCertificate === undefined
          ? preflightClientCertificate(this.tls.certificatePem, this.tls.privateKeyPem, this.now())
          : checkClientCertificateDates(this.clientCertificate, this.now());
    }
    this.secureContext ??= this.buildSecureContext();
    const sessions = this.options.tlsSessions ?? kmipTlsSessions;
    const connection = await KmipConnection.open({
      host: this.endpoint.host,
      port: this.endpoint.port,
      tls: this.tls,
      context: {
        server: this.server,
        timeoutMs: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        clientCertificate: this.clientCertificate,
      },
      maxMessageBytes: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      now: this.now,
      secureContext: this.secureContext,
      sessions:
        sessions === false
          ? undefined
          : { cache: sessions, key: tlsSessionKey(this.endpoint.host, this.endpoint.port, this.tls) },
    });
    this.connection = connection;
    this.connectionUsed = false;
    this.recordSession();
    return connection;
  }

  /** Undefined when OpenSSL refuses the material: the connect then fails with its diagnosis, as before. */
  private buildSecureContext(): SecureContext | undefined {
    try {
      return createSecureContext(secureContextOptions(this.tls));
    } catch {
      return undefined;
    }
  }

  private recordSession(): void {
    const facts = this.connection?.facts;
    if (facts === undefined || this.version === undefined) return;
    this.lastSession = {
      ...facts,
      address: this.address,
      protocolVersion: formatVersion(this.version),
      versionSource: this.options.version === undefined ? 'discovered' : 'configured',
    };
  }

  /** One request/response exchange, reconnecting once where that cannot repeat a change. */
  private async exchange(
    operations: readonly KmipOperation<unknown>[],
    version: ProtocolVersion,
    options: KmipBatchOptions,
  ): Promise<KmipItemResult<unknown>[]> {
    const idempotent = operations.every((operation) => operation.idempotent);
    const timeStamp = this.options.sendTimeStamp === true ? dateTimeFromDate(this.now()) : undefined;
    const request = buildRequestMessage(buildBatchRequest(operations, version, options, timeStamp));
    const bytes = encodeTtlv(request);
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    for (let attempt = 0; ; attempt++) {
      const connection = await this.open();
      const reused = this.connectionUsed;
      this.connectionUsed = true;
      this.observe((traffic) => traffic.request(this.server, request));
      const started = performance.now();
      const outcome = await connection.exchange(bytes, timeoutMs);
      if (outcome.ok)
        return this.answer(operations, outcome.response, version, idempotent, performance.now() - started);
      const { failure } = outcome;
      if (!failure.written && attempt === 0) continue;
      if (!reused && failure.kind === 'lost' && failure.code?.startsWith('ERR_SSL_') === true) {
        // A TLS 1.3 server refuses our certificate after the handshake: the request was never read.
        throw diagnoseConnectFailure(
          { code: failure.code },
          {
            server: this.server,
            timeoutMs,
            clientCertificate: this.clientCertificate,
            keyExchangeReached: true,
          },
        );
      }
      if (!failure.written) throw transportError(this.server, failure, timeoutMs);
      if (!idempotent) throw outcomeUnknown(this.server, operations, failure, timeoutMs);
      // A server may close an idle connection just as a request goes out; a read is safe to repeat.
      if (reused && failure.kind === 'lost' && attempt === 0) continue;
      throw transportError(this.server, failure, timeoutMs);
    }
  }

  private answer(
    operations: readonly KmipOperation<unknown>[],
    bytes: Buffer,
    version: ProtocolVersion,
    idempotent: boolean,
    elapsedMs: number,
  ): KmipItemResult<unknown>[] {
    let response: ResponseMessage;
    try {
      const node = decodeTtlv(bytes, { maxBytes: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES });
      this.observe((traffic) => traffic.response(this.server, node, elapsedMs));
      response = readResponseMessage(node);
    } catch (error) {
      const unreadable = isCustosError(error)
        ? error
        : new CustosError(KmipCode.BadResponse, `The ${this.server} sent an answer Custos cannot read.`);
      throw idempotent ? unreadable : unreadableAnswer(this.server, operations, unreadable);
    }
    return correlateBatch(operations, response, version, {
      server: this.server,
      request: describeRequest(operations),
      clientCertificate: this.clientCertificate,
    });
  }

  /** Tells the traffic listener; its failure must not change a key operation's outcome. */
  private observe(notify: (traffic: KmipTrafficListener) => void): void {
    const { traffic } = this.options;
    if (traffic === undefined) return;
    try {
      notify(traffic);
    } catch {
      // The listener keeps its own error state (KmipMessageLog.lastWriteError).
    }
  }
}
