import { CustosError, isCustosError, fail, BoundaryCode, KmipCode } from '../../../contract/errors';
import {
  KmipClient,
  SERVER_UNAVAILABLE_CODES,
  kmipOperations,
  type KmipBatchOptions,
  type KmipBatchResults,
  type KmipClientOptions,
  type KmipItemResult,
  type KmipOperation,
  type KmipSessionInfo,
} from '../client';
import { ServerHealthRecord, type KmipServerHealth, type KmipServerRole } from './health';

/** What the pool needs of a client; KmipClient is one, tests pass others. */
export interface KmipPoolMember {
  readonly address: string;
  batch(operations: readonly KmipOperation<unknown>[], options?: KmipBatchOptions): Promise<KmipItemResult<unknown>[]>;
  session(): KmipSessionInfo | undefined;
  close(): void;
  /** Closes for good and wipes key material, where the member holds any. */
  dispose?(): void;
}

/** One key server of the pool. */
export interface KmipPoolServer {
  /** How answers and sentences name it: its registered name, or its address. */
  readonly name: string;
  readonly role: KmipServerRole;
  readonly client: KmipClientOptions;
  /** The record its outcomes go to, when the caller keeps health beyond this pool; a new one unless given. */
  readonly health?: ServerHealthRecord;
  /** Why this station cannot use the server yet (no trusted certificate, say): requests to it fail with this. */
  readonly unusable?: CustosError;
}

export interface KmipPoolOptions {
  /**
   * The servers, in the order reads try them. The first with the primary role is the primary:
   * changes go to it alone.
   */
  readonly servers: readonly KmipPoolServer[];
  /** How long a server that could not be used is skipped (30 s unless given). */
  readonly backoffMs?: number;
  /**
   * Where requests that change objects go when the primary cannot be reached. 'primary-only'
   * (the default) keeps one primary key store, as replicas that accept writes diverge;
   * 'failover-when-unsent' lets them go to the secondary when nothing reached the primary.
   */
  readonly writes?: 'primary-only' | 'failover-when-unsent';
  /** The clock in milliseconds. */
  readonly now?: () => number;
  /** Makes the client for one server (tests inject faults here). */
  readonly connect?: (options: KmipClientOptions) => KmipPoolMember;
  /** Told after every request to a server, answered or not, with that server's health. */
  readonly observe?: (health: KmipServerHealth) => void;
}

/** A pool result says which server answered, and over what session. */
export interface KmipPoolResult<T> {
  readonly value: T;
  /** The server's name. */
  readonly server: string;
  readonly role: KmipServerRole;
  readonly address: string;
  readonly session?: KmipSessionInfo;
}

interface Member {
  readonly name: string;
  readonly role: KmipServerRole;
  readonly client: KmipPoolMember;
  readonly health: ServerHealthRecord;
}

const DEFAULT_BACKOFF_MS = 30_000;

function asCustosError(error: unknown): CustosError {
  return isCustosError(error)
    ? error
    : new CustosError(BoundaryCode.Internal, 'Custos hit an unexpected internal error while talking to a key server.');
}

/**
 * The primary and secondary key servers. Requests go to the primary; reads go to the
 * secondary when the primary cannot be used. A change goes to the primary only and, when it
 * cannot be reached, fails with KMIP_PRIMARY_UNAVAILABLE naming it. A change that may have
 * reached a server is never sent again (KMIP_OUTCOME_UNKNOWN). A server that could not be used
 * is skipped for a back-off period, then tried again. Each client keeps its connection open
 * between requests until the pool is closed.
 */
export class KmipServerPool {
  private readonly members: readonly Member[];
  private readonly backoffMs: number;
  private readonly writes: 'primary-only' | 'failover-when-unsent';
  private readonly now: () => number;
  private readonly observe: ((health: KmipServerHealth) => void) | undefined;

  constructor(options: KmipPoolOptions) {
    const connect = options.connect ?? ((clientOptions: KmipClientOptions) => new KmipClient(clientOptions));
    this.members = options.servers.map((server) => {
      const client = memberFor(server, connect);
      return {
        name: server.name,
        role: server.role,
        client,
        health: server.health ?? new ServerHealthRecord(server.name, server.role, client.address),
      };
    });
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.writes = options.writes ?? 'primary-only';
    this.now = options.now ?? Date.now;
    this.observe = options.observe;
  }

  /** One operation by the pool's rules; its failure is thrown. */
  async run<T>(operation: KmipOperation<T>, options: KmipBatchOptions = {}): Promise<KmipPoolResult<T>> {
    return single(await this.send([operation], options, undefined), operation);
  }

  /** Several operations in one message, to one server, by the pool's rules. */
  async batch<const Ops extends readonly KmipOperation<unknown>[]>(
    operations: Ops,
    options: KmipBatchOptions = {},
  ): Promise<KmipPoolResult<KmipBatchResults<Ops>>> {
    const outcome = await this.send(operations, options, undefined);
    // Sound: one result per operation, in order, each read by its operation.
    return { ...outcome, value: outcome.value as KmipBatchResults<Ops> };
  }

  /** One operation on the named server only, whatever its role or back-off (no failover). */
  async runOn<T>(
    server: string,
    operation: KmipOperation<T>,
    options: KmipBatchOptions = {},
  ): Promise<KmipPoolResult<T>> {
    return single(await this.send([operation], options, this.member(server)), operation);
  }

  /** Several operations in one message to the named server only. */
  async batchOn<const Ops extends readonly KmipOperation<unknown>[]>(
    server: string,
    operations: Ops,
    options: KmipBatchOptions = {},
  ): Promise<KmipPoolResult<KmipBatchResults<Ops>>> {
    const outcome = await this.send(operations, options, this.member(server));
    // Sound: as in batch.
    return { ...outcome, value: outcome.value as KmipBatchResults<Ops> };
  }

  /** The servers, in the order reads try them. */
  servers(): { readonly name: string; readonly role: KmipServerRole; readonly address: string }[] {
    return this.members.map(({ name, role, client }) => ({ name, role, address: client.address }));
  }

  /** Each server's health, in the order reads try them. */
  health(): KmipServerHealth[] {
    const now = this.now();
    return this.members.map((member) => member.health.snapshot(now, member.client.session()));
  }

  /** Closes every connection for good and wipes the clients' private keys. */
  close(): void {
    for (const { client } of this.members) {
      if (client.dispose) client.dispose();
      else client.close();
    }
  }

  private member(name: string): Member {
    const key = name.trim().toLowerCase();
    const found = this.members.find((member) => member.name.toLowerCase() === key);
    if (found === undefined) fail(KmipCode.NoServer, `No key server named "${name}" is configured.`);
    return found;
  }

  private primary(): Member | undefined {
    return this.members.find((member) => member.role === 'primary');
  }

  private candidates(idempotent: boolean): Member[] {
    if (!idempotent && this.writes === 'primary-only') {
      const primary = this.primary();
      if (primary === undefined) {
        fail(
          KmipCode.PrimaryUnavailable,
          this.members.length === 0
            ? 'No key server is configured.'
            : 'No key server has the primary role; changes go to the primary key server only, so nothing was sent.',
        );
      }
      // The primary is tried even during its back-off: it is the only place a change may go.
      return [primary];
    }
    const now = this.now();
    const ready = this.members.filter((member) => !member.health.isSkipped(now));
    // When every server is being skipped, trying them beats refusing without a try.
    return ready.length > 0 ? ready : [...this.members];
  }

  private async send(
    operations: readonly KmipOperation<unknown>[],
    options: KmipBatchOptions,
    only: Member | undefined,
  ): Promise<KmipPoolResult<KmipItemResult<unknown>[]>> {
    const idempotent = operations.every((operation) => operation.idempotent);
    const failures: { member: Member; error: CustosError }[] = [];
    for (const member of only === undefined ? this.candidates(idempotent) : [only]) {
      const started = this.now();
      try {
        const value = await member.client.batch(operations, options);
        member.health.answered(this.now(), this.now() - started);
        this.told(member);
        return {
          value,
          server: member.name,
          role: member.role,
          address: member.client.address,
          session: member.client.session(),
        };
      } catch (thrown) {
        const error = asCustosError(thrown);
        const unavailable = SERVER_UNAVAILABLE_CODES.has(error.code) || error.code === KmipCode.OutcomeUnknown;
        member.health.failed(
          this.now(),
          this.now() - started,
          { code: error.code, sentence: error.message },
          unavailable ? this.now() + this.backoffMs : undefined,
        );
        this.told(member);
        // The server answered (a refusal), or the change may have happened: no other server is asked.
        if (!unavailable || error.code === KmipCode.OutcomeUnknown || only !== undefined) throw error;
        failures.push({ member, error });
      }
    }
    throw this.noServer(failures, idempotent);
  }

  private told(member: Member): void {
    if (this.observe === undefined) return;
    try {
      this.observe(member.health.snapshot(this.now(), member.client.session()));
    } catch {
      // Keeping a record must not change a key operation's outcome.
    }
  }

  private noServer(failures: readonly { member: Member; error: CustosError }[], idempotent: boolean): CustosError {
    const [first, ...others] = failures;
    if (first === undefined) return new CustosError(KmipCode.NoServer, 'No key server is configured.');
    const rest = this.members.filter((member) => member !== first.member);
    if (!idempotent && this.writes === 'primary-only') {
      const secondaries = rest.map((member) => `"${member.name}"`).join(' and ');
      return new CustosError(
        KmipCode.PrimaryUnavailable,
        `The primary key server "${first.member.name}" (${first.member.client.address}) cannot be used, so the change was not made: ${first.error.message}${secondaries ? ` Changes go to the primary key server only, so nothing was sent to ${secondaries}.` : ''} Try again once "${first.member.name}" is back.`,
      );
    }
    if (others.length === 0) return new CustosError(first.error.code, first.error.message);
    return new CustosError(
      KmipCode.NoServer,
      `No key server could serve the request: ${failures.map(({ member, error }) => `the ${member.role} "${member.name}" (${member.client.address}) failed with ${error.code}`).join('; ')}. Keys cannot be served until one is back. ${failures.map(({ error }) => error.message).join(' ')}`,
    );
  }
}

/** The server's client, or a stand-in that refuses every request when the server cannot be used. */
function memberFor(server: KmipPoolServer, connect: (options: KmipClientOptions) => KmipPoolMember): KmipPoolMember {
  let unusable = server.unusable;
  if (unusable === undefined) {
    try {
      return connect({ ...server.client, role: server.client.role ?? `${server.role} key server` });
    } catch (error) {
      unusable = asCustosError(error);
    }
  }
  const reason = unusable;
  return {
    address: server.client.address,
    batch: () => Promise.reject(reason),
    session: () => undefined,
    close: () => undefined,
  };
}

const { operationName } = kmipOperations;

function single<T>(outcome: KmipPoolResult<KmipItemResult<unknown>[]>, operation: KmipOperation<T>): KmipPoolResult<T> {
  const [result] = outcome.value;
  if (result === undefined || result.status === 'not-run') {
    fail(
      KmipCode.BadResponse,
      `The ${outcome.role} key server "${outcome.server}" (${outcome.address}) did not answer the ${operationName(operation.operation)} request.`,
    );
  }
  if (result.status === 'failed') throw result.error;
  // Sound: the item was read by `operation`, whose result type is T.
  return { ...outcome, value: result.value as T };
}
