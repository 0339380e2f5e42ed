import type { HealthReport, KeyServerView, ServerHealth, StandingWarning } from '../../contract';
import type { StationDatabase } from '../station';

interface HealthRow {
  server_id: string;
  state: string;
  last_success: string | null;
  last_failure: string | null;
  last_failure_code: string | null;
  last_failure_reason: string | null;
  latency_ms: number | null;
  checked_at: string;
}

export interface CheckOutcome {
  ok: boolean;
  latencyMs: number | null;
  /** Set when it failed: the code and sentence of the first failing step. */
  failure: { code: string; sentence: string } | null;
  /** TCP answered but TLS or KMIP did not: the DS8000 "SSL fails, TCP works" case. */
  tcpOnly: boolean;
}

/** What the station last saw of each key server, kept in the station database. */
export class HealthRecord {
  constructor(private readonly db: StationDatabase) {}

  record(serverId: string, outcome: CheckOutcome, now = new Date()): void {
    const previous = this.row(serverId);
    const at = now.toISOString();
    const state = outcome.ok ? 'ok' : outcome.tcpOnly ? 'degraded' : 'unreachable';
    this.db
      .prepare(
        `INSERT INTO server_health (server_id, state, last_success, last_failure, last_failure_code, last_failure_reason, latency_ms, checked_at)
         VALUES (@server_id, @state, @last_success, @last_failure, @last_failure_code, @last_failure_reason, @latency_ms, @checked_at)
         ON CONFLICT (server_id) DO UPDATE SET state=excluded.state, last_success=excluded.last_success, last_failure=excluded.last_failure,
           last_failure_code=excluded.last_failure_code, last_failure_reason=excluded.last_failure_reason, latency_ms=excluded.latency_ms, checked_at=excluded.checked_at`,
      )
      .run({
        server_id: serverId,
        state,
        last_success: outcome.ok ? at : (previous?.last_success ?? null),
        last_failure: outcome.ok ? (previous?.last_failure ?? null) : at,
        last_failure_code: outcome.ok ? (previous?.last_failure_code ?? null) : (outcome.failure?.code ?? null),
        last_failure_reason: outcome.ok ? (previous?.last_failure_reason ?? null) : (outcome.failure?.sentence ?? null),
        latency_ms: outcome.latencyMs,
        checked_at: at,
      });
  }

  report(
    servers: KeyServerView[],
    certificateExpiry: (label: string | null) => string | null,
  ): Omit<HealthReport, 'checkEveryMinutes'> {
    const rows = servers.map((s): ServerHealth => {
      const h = this.row(s.id);
      return {
        serverId: s.id,
        name: s.name,
        role: s.role,
        state: (h?.state as ServerHealth['state'] | undefined) ?? 'unknown',
        lastSuccess: h?.last_success ?? null,
        lastFailure: h?.last_failure ?? null,
        lastFailureReason: h?.last_failure_reason ?? null,
        latencyMs: h?.latency_ms ?? null,
        serverCertificateExpires: certificateExpiry(s.trustLabel),
        stationCertificateExpires: certificateExpiry(s.identityLabel),
      };
    });
    return { servers: rows, events: healthEvents(rows, (id) => this.row(id)?.last_failure_code ?? null) };
  }

  private row(serverId: string): HealthRow | undefined {
    return this.db.prepare('SELECT * FROM server_health WHERE server_id = ?').get(serverId) as HealthRow | undefined;
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
    if (code && /TLS|UNTRUSTED|CERT|HOSTNAME|AUTH/.test(code)) {
      events.push({
        severity: 'warning',
        code: 'TLS_FAILS_TCP_WORKS',
        sentence: `${s.name}: TCP connects but TLS fails: likely an untrusted or expired certificate on one side.`,
      });
    }
  }
  return events;
}
