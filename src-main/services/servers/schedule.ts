import type { EntryView, HealthReport, StandingWarning } from '../../contract';
import type { AuditLog } from '../audit';
import type { KeyServerChecks } from './checks';
import { healthEvents } from './health';
import type { HealthBook } from './health';
import type { KeyServerRegistry } from './registry';

/**
 * The health the Dashboard shows: each server's record, the DS8000-style events derived from
 * them, and the scheduled key-retrieval test that keeps them fresh while the process runs.
 */
export class HealthWatch {
  private schedule: { minutes: number; timer: ReturnType<typeof setInterval> | null } = { minutes: 0, timer: null };
  private readonly listeners = new Set<(report: HealthReport) => void>();

  constructor(
    private readonly registry: KeyServerRegistry,
    private readonly health: HealthBook,
    private readonly checks: KeyServerChecks,
    private readonly audit: AuditLog,
    private readonly entriesByLabel: () => Map<string, EntryView>,
    private readonly warnings: () => StandingWarning[],
  ) {}

  report(): HealthReport {
    const entries = this.entriesByLabel();
    const servers = this.registry.list();
    const rows = this.health.report(servers, (label) =>
      label ? (entries.get(label.toLowerCase())?.certificate?.notAfter ?? null) : null,
    );
    const byId = new Map(servers.map((s) => [s.id, s]));
    const lastCode = (id: string) => {
      const server = byId.get(id);
      return server ? this.health.lastFailureCode(server) : null;
    };
    return {
      servers: rows,
      events: [...healthEvents(rows, lastCode), ...this.warnings().filter((w) => w.code.startsWith('CERTIFICATE_'))],
      checkEveryMinutes: this.schedule.minutes,
    };
  }

  /** Tests key retrieval on every server, one after the other, and reports the new health. */
  async checkAll(): Promise<HealthReport> {
    for (const s of this.registry.list()) await this.checks.testKeyRetrieval(s.name).catch(() => undefined);
    const report = this.report();
    this.tell(report);
    return report;
  }

  /** Runs checkAll every `minutes` (0 stops it) while this process runs. `audited: false`: the caller audits (a setting). */
  setSchedule(minutes: number, { audited = true }: { audited?: boolean } = {}): HealthReport {
    if (this.schedule.timer) clearInterval(this.schedule.timer);
    this.schedule = { minutes, timer: minutes > 0 ? setInterval(() => void this.checkAll(), minutes * 60_000) : null };
    this.schedule.timer?.unref();
    if (audited)
      this.audit.record({
        action: 'server.schedule',
        object: 'key servers',
        outcome: 'ok',
        detail: minutes ? `every ${minutes} min` : 'off',
      });
    return this.report();
  }

  onChanged(listener: (report: HealthReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A server changed state outside a check (the pool saw it on a request). */
  changed(): void {
    if (this.listeners.size === 0) return;
    try {
      this.tell(this.report());
    } catch {
      // A report that cannot be made now (vault locked) waits for the next check.
    }
  }

  stop(): void {
    if (this.schedule.timer) clearInterval(this.schedule.timer);
    this.schedule.timer = null;
  }

  private tell(report: HealthReport): void {
    for (const l of this.listeners) l(report);
  }
}
