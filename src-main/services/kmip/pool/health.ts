import type { CustosError } from '../../../contract/errors';
import type { KmipSessionInfo } from '../client';

export type KmipServerRole = 'primary' | 'secondary';

/** One key server's health as plain data, for displays, status files and audit. */
export interface KmipServerHealth {
  readonly role: KmipServerRole;
  readonly address: string;
  readonly lastAttemptAt?: string;
  readonly lastSuccessAt?: string;
  readonly lastFailureAt?: string;
  /** Why the last failure happened, as the custodian saw it. */
  readonly lastFailure?: { readonly code: string; readonly sentence: string };
  /** How long the last request took, answered or not. */
  readonly lastLatencyMs?: number;
  /** While set and in the future, requests skip this server. */
  readonly skippedUntil?: string;
  readonly protocolVersion?: string;
  readonly tlsProtocol?: string;
  readonly hostname?: KmipSessionInfo['hostname'];
}

/** The mutable record behind KmipServerHealth. */
export class ServerHealthRecord {
  private lastAttemptAt?: number;
  private lastSuccessAt?: number;
  private lastFailureAt?: number;
  private lastFailure?: { readonly code: string; readonly sentence: string };
  private lastLatencyMs?: number;
  private skippedUntil?: number;

  constructor(
    readonly role: KmipServerRole,
    readonly address: string,
  ) {}

  /** The server answered (even with a refusal of the request). */
  answered(at: number, latencyMs: number): void {
    this.lastAttemptAt = at;
    this.lastSuccessAt = at;
    this.lastLatencyMs = Math.round(latencyMs);
    this.skippedUntil = undefined;
  }

  /** The server could not be used; skip it until `skipUntil`, if given. */
  failed(at: number, latencyMs: number, error: CustosError, skipUntil: number | undefined): void {
    this.lastAttemptAt = at;
    this.lastFailureAt = at;
    this.lastFailure = { code: error.code, sentence: error.message };
    this.lastLatencyMs = Math.round(latencyMs);
    if (skipUntil !== undefined) this.skippedUntil = skipUntil;
  }

  isSkipped(now: number): boolean {
    return this.skippedUntil !== undefined && this.skippedUntil > now;
  }

  snapshot(now: number, session: KmipSessionInfo | undefined): KmipServerHealth {
    const iso = (ms: number | undefined): string | undefined =>
      ms === undefined ? undefined : new Date(ms).toISOString();
    return {
      role: this.role,
      address: this.address,
      lastAttemptAt: iso(this.lastAttemptAt),
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
