import { CustosError, isCustosError, fail, BoundaryCode, KmipCode, NetworkCode } from '../../../contract/errors';
import {
  KmipClient,
  SERVER_UNAVAILABLE_CODES,
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
}

export interface KmipPoolOptions {
  readonly primary: KmipClientOptions;
  readonly secondary?: KmipClientOptions;
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
}

/** A pool result says which server answered, and over what session. */
export interface KmipPoolResult<T> {
  readonly value: T;
  readonly server: KmipServerRole;
  readonly address: string;
  readonly session?: KmipSessionInfo;
}

interface Member {
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
 * A primary and an optional secondary key server. Requests go to the primary; reads go to the
 * secondary when the primary cannot be used. A change that may have reached a server is never
 * sent again (KMIP_OUTCOME_UNKNOWN). A server that failed is skipped for a back-off period.
 */
export class KmipServerPool {
  private readonly members: readonly Member[];
  private readonly backoffMs: number;
  private readonly writes: 'primary-only' | 'failover-when-unsent';
  private readonly now: () => number;

  constructor(options: KmipPoolOptions) {
    const connect = options.connect ?? ((clientOptions: KmipClientOptions) => new KmipClient(clientOptions));
    const member = (role: KmipServerRole, clientOptions: KmipClientOptions): Member => {
      const client = connect({ ...clientOptions, role: `${role} key server` });
      return { role, client, health: new ServerHealthRecord(role, client.address) };
    };
    this.members = [
      member('primary', options.primary),
      ...(options.secondary === undefined ? [] : [member('secondary', options.secondary)]),
    ];
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.writes = options.writes ?? 'primary-only';
    this.now = options.now ?? Date.now;
  }

  /** One operation; its failure is thrown. */
  async run<T>(operation: KmipOperation<T>, options: KmipBatchOptions = {}): Promise<KmipPoolResult<T>> {
    const outcome = await this.send([operation], options);
    const [result] = outcome.value;
    if (result === undefined || result.status === 'not-run') {
      fail(KmipCode.BadResponse, `The ${outcome.server} key server ${outcome.address} did not answer the request.`);
    }
    if (result.status === 'failed') throw result.error;
    // Sound: the item was read by `operation`, whose result type is T.
    return { ...outcome, value: result.value as T };
  }

  /** Several operations in one message, to one server. */
  async batch<const Ops extends readonly KmipOperation<unknown>[]>(
    operations: Ops,
    options: KmipBatchOptions = {},
  ): Promise<KmipPoolResult<KmipBatchResults<Ops>>> {
    const outcome = await this.send(operations, options);
    // Sound: one result per operation, in order, each read by its operation.
    return { ...outcome, value: outcome.value as KmipBatchResults<Ops> };
  }

  /** Each server's health, primary first. */
  health(): KmipServerHealth[] {
    const now = this.now();
    return this.members.map((member) => member.health.snapshot(now, member.client.session()));
  }

  close(): void {
    for (const member of this.members) member.client.close();
  }

  private candidates(idempotent: boolean): Member[] {
    const primary = this.members.filter((member) => member.role === 'primary');
    if (!idempotent && this.writes === 'primary-only') return primary;
    const now = this.now();
    const ready = this.members.filter((member) => !member.health.isSkipped(now));
    // When every server is being skipped, trying them beats refusing without a try.
    return ready.length > 0 ? ready : [...this.members];
  }

  private async send(
    operations: readonly KmipOperation<unknown>[],
    options: KmipBatchOptions,
  ): Promise<KmipPoolResult<KmipItemResult<unknown>[]>> {
    const idempotent = operations.every((operation) => operation.idempotent);
    const failures: { member: Member; error: CustosError }[] = [];
    for (const member of this.candidates(idempotent)) {
      const started = this.now();
      try {
        const value = await member.client.batch(operations, options);
        member.health.answered(this.now(), this.now() - started);
        return { value, server: member.role, address: member.client.address, session: member.client.session() };
      } catch (thrown) {
        const error = asCustosError(thrown);
        const unavailable = SERVER_UNAVAILABLE_CODES.has(error.code) || error.code === KmipCode.OutcomeUnknown;
        member.health.failed(
          this.now(),
          this.now() - started,
          error,
          unavailable ? this.now() + this.backoffMs : undefined,
        );
        // The server answered (a refusal), or the change may have happened: no other server is asked.
        if (!unavailable || error.code === KmipCode.OutcomeUnknown) throw error;
        failures.push({ member, error });
      }
    }
    throw this.noServer(failures, idempotent);
  }

  private noServer(failures: readonly { member: Member; error: CustosError }[], idempotent: boolean): CustosError {
    const [first, ...others] = failures;
    if (first === undefined) return new CustosError(NetworkCode.Unreachable, 'No key server is configured.');
    if (others.length === 0) {
      const secondary = this.members.some((member) => member.role === 'secondary');
      const note =
        !idempotent && this.writes === 'primary-only' && secondary
          ? ' Changes go to the primary key server only, so the secondary was not used.'
          : '';
      return new CustosError(first.error.code, `${first.error.message}${note}`);
    }
    return new CustosError(
      KmipCode.NoServer,
      `No key server could serve the request: ${failures.map(({ member, error }) => `the ${member.role} (${member.client.address}) failed with ${error.code}`).join('; ')}. Keys cannot be served until one is back. ${failures.map(({ error }) => error.message).join(' ')}`,
    );
  }
}
