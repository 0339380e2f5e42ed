import { NetworkCode } from '../../contract';
import type { KeyServerView, ServerHealth, StandingWarning } from '../../contract';
import { ServerHealthRecord } from '../kmip';
import type { KmipFailure, KmipServerHealth } from '../kmip';
import type { ServerStore } from './store';

type HealthState = ServerHealth['state'];

/** Failures that mean not even TCP came up; every other failure came from a server that answered on TCP. */
const NOT_REACHED: ReadonlySet<string> = new Set<string>([NetworkCode.Unreachable, NetworkCode.Timeout]);

/**
 * The state a custodian reads from a server's health: ok when its last contact succeeded;
 * degraded when it failed on a server that TCP reached (the DS8000 "SSL fails while TCP works"
 * case, or a refused key retrieval); unreachable when not even TCP answered.
 */
export function healthState(health: KmipServerHealth): HealthState {
  if (health.lastOutcome === undefined) return 'unknown';
  if (health.lastOutcome === 'answered') return 'ok';
  return health.lastFailure !== undefined && NOT_REACHED.has(health.lastFailure.code) ? 'unreachable' : 'degraded';
}

/**
 * Every registered server's health record, kept for the life of the station and stored for the
 * Dashboard. The pool writes to these same records on each request; the checks write to them too.
 * What the station shows comes from the records in memory; the stored row is for the next open.
 */
export class HealthBook {
  private readonly records = new Map<string, ServerHealthRecord>();
  /** The state last stored per server id, so that a request that changes nothing writes nothing. */
  private readonly storedStates = new Map<string, HealthState>();
  /** Servers whose record moved on (times, latency) since it was stored: written by flush(). */
  private readonly unsaved = new Map<string, KeyServerView>();

  constructor(
    private readonly store: ServerStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The record of a server, started from what was stored of it. */
  recordOf(server: KeyServerView): ServerHealthRecord {
    const address = `${server.address}:${server.kmipPort}`;
    const known = this.records.get(server.id);
    if (known && known.role === server.role && known.name === server.name) return known;
    const row = this.store.health(server.id);
    const record = new ServerHealthRecord(server.name, server.role, address, {
      lastAttemptAt: row?.checked_at,
      lastOutcome:
        row === undefined || row.state === 'unknown' ? undefined : row.state === 'ok' ? 'answered' : 'failed',
      lastSuccessAt: row?.last_success ?? undefined,
      lastFailureAt: row?.last_failure ?? undefined,
      lastFailure:
        row?.last_failure_code && row.last_failure_reason
          ? { code: row.last_failure_code, sentence: row.last_failure_reason }
          : undefined,
      lastLatencyMs: row?.latency_ms ?? undefined,
    });
    this.records.set(server.id, record);
    return record;
  }

  /** A check succeeded (connection test, key retrieval). */
  passed(server: KeyServerView, latencyMs: number): void {
    this.recordOf(server).answered(this.now(), latencyMs);
    this.save(server);
  }

  /** A check failed; it does not make the pool skip the server (only the pool's own requests do). */
  failed(server: KeyServerView, failure: KmipFailure): void {
    this.recordOf(server).failed(this.now(), undefined, failure, undefined);
    this.save(server);
  }

  snapshot(server: KeyServerView): KmipServerHealth {
    return this.recordOf(server).snapshot(this.now());
  }

  /**
   * A pool request's outcome. Written at once only when the server's state changed (the news the
   * Dashboard is told of: true); otherwise it waits for flush(), so a busy pool does not write a
   * row per request.
   */
  observed(server: KeyServerView): boolean {
    if (healthState(this.snapshot(server)) !== this.storedState(server.id)) return this.save(server).changed;
    this.unsaved.set(server.id, server);
    return false;
  }

  /** Stores what requests left unstored, for servers still registered (the pool closes, the station closes). */
  flush(registered: ReadonlySet<string>): void {
    for (const [id, server] of this.unsaved) if (registered.has(id)) this.save(server);
    this.unsaved.clear();
  }

  /** Stores the record as it stands; says whether its state changed. */
  save(server: KeyServerView): { state: HealthState; changed: boolean } {
    this.unsaved.delete(server.id);
    const health = this.snapshot(server);
    const state = healthState(health);
    if (health.lastAttemptAt === undefined || state === 'unknown') return { state, changed: false };
    const before = this.storedState(server.id);
    this.store.saveHealth({
      server_id: server.id,
      state,
      last_success: health.lastSuccessAt ?? null,
      last_failure: health.lastFailureAt ?? null,
      last_failure_code: health.lastFailure?.code ?? null,
      last_failure_reason: health.lastFailure?.sentence ?? null,
      latency_ms: health.lastLatencyMs ?? null,
      checked_at: health.lastAttemptAt,
    });
    this.storedStates.set(server.id, state);
    return { state, changed: before !== state };
  }

  private storedState(serverId: string): HealthState {
    let state = this.storedStates.get(serverId);
    if (state === undefined) {
      state = (this.store.health(serverId)?.state ?? 'unknown') as HealthState;
      this.storedStates.set(serverId, state);
    }
    return state;
  }

  report(servers: KeyServerView[], certificateExpiry: (label: string | null) => string | null): ServerHealth[] {
    return servers.map((s): ServerHealth => {
      const h = this.snapshot(s);
      return {
        serverId: s.id,
        name: s.name,
        role: s.role,
        state: healthState(h),
        lastSuccess: h.lastSuccessAt ?? null,
        lastFailure: h.lastFailureAt ?? null,
        lastFailureReason: h.lastFailure?.sentence ?? null,
        latencyMs: h.lastLatencyMs ?? null,
        serverCertificateExpires: certificateExpiry(s.trustLabel),
        stationCertificateExpires: certificateExpiry(s.identityLabel),
      };
    });
  }

  /** The code of a server's last failure, for the events. */
  lastFailureCode(server: KeyServerView): string | null {
    return this.snapshot(server).lastFailure?.code ?? null;
  }
}

/** The DS8000 serviceable events, in the station's words (DOMAIN.md "Key server health"). */
export function healthEvents(
  servers: ServerHealth[],
  lastCode: (serverId: string) => string | null,
): StandingWarning[] {
  const events: StandingWarning[] = [];
  const checked = servers.filter((s) => s.state !== 'unknown');
  if (servers.length < 2) {
    events.push({
      severity: 'warning',
      code: 'FEWER_THAN_TWO_SERVERS',
      sentence: `Fewer than two key servers are configured (${servers.length}); the minimum for continuous access is two.`,
    });
  }
  if (checked.length > 0 && checked.every((s) => s.state !== 'ok')) {
    events.push({
      severity: 'critical',
      code: 'NO_SERVER_REACHABLE',
      sentence:
        'No key server could serve keys at the last check: devices that need a key now lose access to encrypted data.',
    });
  } else {
    for (const s of checked.filter((x) => x.state !== 'ok')) {
      events.push({
        severity: 'warning',
        code: 'SERVER_FAILING',
        sentence: `${s.name} (${s.role}) failed its last check: ${s.lastFailureReason ?? 'no detail'}`,
      });
    }
  }
  for (const s of checked.filter((x) => x.state === 'degraded')) {
    const code = lastCode(s.serverId);
    // TLS_MATERIAL_INVALID is this station's own setup, found before any connection: not the link.
    if (code && code !== NetworkCode.TlsMaterialInvalid && /TLS|UNTRUSTED|CERT|HOSTNAME|AUTH/.test(code)) {
      events.push({
        severity: 'warning',
        code: 'TLS_FAILS_TCP_WORKS',
        sentence: `${s.name}: TCP connects but TLS fails: likely an untrusted or expired certificate on one side.`,
      });
    }
  }
  return events;
}
