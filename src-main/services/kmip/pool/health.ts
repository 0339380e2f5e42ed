import type { KmipSessionInfo } from '../client';

export type KmipServerRole = 'primary' | 'secondary';

/** Why a server could not be used, as the custodian saw it. */
export interface KmipFailure {
  readonly code: string;
  readonly sentence: string;
}

/** One key server's health as plain data, for displays, status files, audit and storage. */
export interface KmipServerHealth {
  /** The server's name (its registered name, or its address when it has none). */
  readonly name: string;
  readonly role: KmipServerRole;
  readonly address: string;
  readonly lastAttemptAt?: string;
  /** How the last attempt ended. */
  readonly lastOutcome?: 'answered' | 'failed';
  readonly lastSuccessAt?: string;
  readonly lastFailureAt?: string;
  /** Why the last failure happened, as the custodian saw it. */
  readonly lastFailure?: KmipFailure;
  /** How long the last request took, answered or not. */
  readonly lastLatencyMs?: number;
  /** While set and in the future, requests skip this server. */
  readonly skippedUntil?: string;
  readonly protocolVersion?: string;
  readonly tlsProtocol?: string;
  readonly hostname?: KmipSessionInfo['hostname'];
}

/** What a record starts from: what was seen of the server before this process (kept in storage). */
export interface KmipHealthHistory {
  readonly lastAttemptAt?: string;
  readonly lastOutcome?: 'answered' | 'failed';
  readonly lastSuccessAt?: string;
  readonly lastFailureAt?: string;
  readonly lastFailure?: KmipFailure;
  readonly lastLatencyMs?: number;
}

/**
 * The one health model of a key server: what the pool saw on every request, and what the
 * station's checks (connection tests, key-retrieval tests) saw. The pool routes by it; the
 * station stores it for the Dashboard and derives the DS8000-style events from it.
 */
export class ServerHealthRecord {
  private lastAttemptAt?: number;
  private lastOutcome?: 'answered' | 'failed';
  private lastSuccessAt?: number;
  private lastFailureAt?: number;
  private lastFailure?: KmipFailure;
  private lastLatencyMs?: number;
  private skippedUntil?: number;

  constructor(
    readonly name: string,
    readonly role: KmipServerRole,
    readonly address: string,
    history: KmipHealthHistory = {},
  ) {
    const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));
    this.lastAttemptAt = ms(history.lastAttemptAt);
    this.lastOutcome = history.lastOutcome;
    this.lastSuccessAt = ms(history.lastSuccessAt);
    this.lastFailureAt = ms(history.lastFailureAt);
    this.lastFailure = history.lastFailure;
    this.lastLatencyMs = history.lastLatencyMs;
  }

  /** The server answered (even with a refusal of the request). */
  answered(at: number, latencyMs: number): void {
    this.lastAttemptAt = at;
    this.lastOutcome = 'answered';
    this.lastSuccessAt = at;
    this.lastLatencyMs = Math.round(latencyMs);
    this.skippedUntil = undefined;
  }

  /** The server could not be used; skip it until `skipUntil`, if given. */
  failed(at: number, latencyMs: number | undefined, failure: KmipFailure, skipUntil: number | undefined): void {
    this.lastAttemptAt = at;
    this.lastOutcome = 'failed';
    this.lastFailureAt = at;
    this.lastFailure = { code: failure.code, sentence: failure.sentence };
    this.lastLatencyMs = latencyMs === undefined ? undefined : Math.round(latencyMs);
    if (skipUntil !== undefined) this.skippedUntil = skipUntil;
  }

  isSkipped(now: number): boolean {
    return this.skippedUntil !== undefined && this.skippedUntil > now;
  }

  snapshot(now: number, session?: KmipSessionInfo): KmipServerHealth {
    const iso = (ms: number | undefined): string | undefined =>
      ms === undefined ? undefined : new Date(ms).toISOString();
    return {
      name: this.name,
      role: this.role,
      address: this.address,
      lastAttemptAt: iso(this.lastAttemptAt),
      lastOutcome: this.lastOutcome,
      lastSuccessAt: iso(this.lastSuccessAt),
      lastFailureAt: iso(this.lastFailureAt),
      lastFailure: this.lastFailure,
      lastLatencyMs: this.lastLatencyMs,
      skippedUntil: this.isSkipped(now) ? iso(this.skippedUntil) : undefined,
      protocolVersion: session?.protocolVersion,
      tlsProtocol: session?.tlsProtocol,
      hostname: session?.hostname,
    };
  }
}
