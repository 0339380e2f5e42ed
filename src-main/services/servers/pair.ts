import type { KmipBatchOptions, KmipBatchResults, KmipOperation, KmipSessionInfo } from '../kmip';

/** Which registered key server gave an answer. Every answer the product shows names it. */
export interface PairAnswer<T> {
  readonly value: T;
  /** The registered server's name. */
  readonly server: string;
  readonly role: 'primary' | 'secondary';
  /** HOST:PORT it was reached at. */
  readonly address?: string;
  /** The TLS session and KMIP version the answer came over. */
  readonly session?: KmipSessionInfo;
}

/**
 * The station's key servers as the product uses them: the primary and the secondary of
 * DOMAIN.md. Reads go to the primary and fail over to the secondary; changes go to the primary
 * only and, when it cannot be reached, fail with KMIP_PRIMARY_UNAVAILABLE naming it; a change
 * whose outcome is unknown is never sent again. Every flow that talks KMIP to the registered
 * servers (the KMIP console, scheduled key-retrieval tests, device groups, backup servers) goes
 * through this.
 */
export interface KeyServerPair {
  /** One operation, by the pair's rules. */
  run<T>(operation: KmipOperation<T>): Promise<PairAnswer<T>>;
  /** Several operations in one message to one server, by the pair's rules. */
  batch<const Ops extends readonly KmipOperation<unknown>[]>(
    operations: Ops,
  ): Promise<PairAnswer<KmipBatchResults<Ops>>>;
  /** One operation on one named registered server, no failover (compare what each server holds). */
  runOn<T>(server: string, operation: KmipOperation<T>): Promise<PairAnswer<T>>;
  /** Several operations in one message to one named server, no failover (a backup copy's batches). */
  batchOn<const Ops extends readonly KmipOperation<unknown>[]>(
    server: string,
    operations: Ops,
    options?: KmipBatchOptions,
  ): Promise<PairAnswer<KmipBatchResults<Ops>>>;
  /** The registered servers, primary first. */
  members(): readonly { readonly name: string; readonly role: 'primary' | 'secondary' }[];
}
