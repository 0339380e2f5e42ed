import { stationDatabaseOf } from '../../../src-main/services';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyServerView, ServerHealth } from '../../../src-main/contract';
import type { OpenStation } from '../../../src-main/services';
import { KeyServers, healthState } from '../../../src-main/services/servers';
import { unlockedStation } from '../../helpers/station';

let station: OpenStation;
let cleanup: () => void;

beforeEach(async () => {
  ({ station, cleanup } = await unlockedStation());
});

afterEach(() => cleanup());

const at = (ms: number) => new Date(ms).toISOString();

describe('health state', () => {
  it('is unknown before any contact, ok after an answer, and says how far a failure got', () => {
    const base = { name: 'k', role: 'primary' as const, address: 'k:5696' };
    expect(healthState(base)).toBe('unknown');
    expect(healthState({ ...base, lastAttemptAt: at(1), lastOutcome: 'answered' })).toBe('ok');
    const failed = (code: string) =>
      healthState({ ...base, lastAttemptAt: at(2), lastOutcome: 'failed', lastFailure: { code, sentence: 's' } });
    expect(failed('SERVER_UNREACHABLE')).toBe('unreachable');
    expect(failed('SERVER_TIMEOUT')).toBe('unreachable');
    // TCP came up and TLS or KMIP failed: the DS8000 "SSL fails while TCP works" case.
    expect(failed('TLS_SERVER_UNTRUSTED')).toBe('degraded');
    expect(failed('KMIP_AUTH_FAILED')).toBe('degraded');
    expect(failed('KMIP_PERMISSION_DENIED')).toBe('degraded');
  });
});

describe('the health record of the registered servers', () => {
  function servers(now: { ms: number }) {
    return new KeyServers(stationDatabaseOf(station), station.keystore, station.audit, undefined, {
      now: () => now.ms,
    });
  }

  it('is stored, read back by another process, and gives the DS8000 events', async () => {
    const now = { ms: Date.parse('2026-12-01T10:00:00Z') };
    const first = servers(now);
    first.registry.add({ name: 'kms-a', address: '10.0.0.1', role: 'primary' });
    first.registry.add({ name: 'kms-b', address: '10.0.0.2', role: 'secondary' });
    // No trusted certificate yet: the key-retrieval test fails before any byte goes out.
    const steps = await first.testKeyRetrieval('kms-a');
    expect(steps).toMatchObject([{ step: 'Create probe key', ok: false, code: 'TLS_MATERIAL_INVALID' }]);
    expect(steps[0]?.detail).toContain('no certificate of it is trusted yet');

    const again = servers(now).healthReport();
    const byName = new Map(again.servers.map((s): [string, ServerHealth] => [s.name, s]));
    expect(byName.get('kms-a')).toMatchObject({
      state: 'degraded',
      lastFailure: '2026-12-01T10:00:00.000Z',
      lastSuccess: null,
    });
    expect(byName.get('kms-b')?.state).toBe('unknown');
    expect(again.events.map((e) => e.code)).toEqual(['NO_SERVER_REACHABLE']);
  });

  it('events: fewer than two servers; one failing while another serves; TLS fails while TCP works', async () => {
    const { healthEvents } = await import('../../../src-main/services/servers/health');
    const row = (name: string, state: ServerHealth['state']): ServerHealth => ({
      serverId: name,
      name,
      role: 'primary',
      state,
      lastSuccess: null,
      lastFailure: null,
      lastFailureReason: state === 'ok' ? null : 'it failed',
      latencyMs: null,
      serverCertificateExpires: null,
      stationCertificateExpires: null,
    });
    expect(healthEvents([row('a', 'ok')], () => null).map((e) => e.code)).toEqual(['FEWER_THAN_TWO_SERVERS']);
    const events = healthEvents([row('a', 'ok'), row('b', 'degraded')], () => 'TLS_SERVER_UNTRUSTED');
    expect(events.map((e) => [e.code, e.severity])).toEqual([
      ['SERVER_FAILING', 'warning'],
      ['TLS_FAILS_TCP_WORKS', 'warning'],
    ]);
    expect(healthEvents([row('a', 'unreachable'), row('b', 'unknown')], () => null)[0]).toMatchObject({
      code: 'NO_SERVER_REACHABLE',
      severity: 'critical',
    });
  });
});

describe('standing warnings', () => {
  it('name what a custodian must fix in the configuration', async () => {
    const { standingWarnings, expiryWarning } = await import('../../../src-main/services/servers/warnings');
    const server = (name: string, role: 'primary' | 'secondary', address: string): KeyServerView => ({
      id: name,
      name,
      address,
      kmipPort: 5696,
      ippTcpPort: 3801,
      ippTlsPort: 1441,
      role,
      trustLabel: null,
      identityLabel: null,
      verifyHostname: true,
      kmipVersion: null,
      createdAt: '2026-01-01T00:00:00Z',
    });
    const codes = (list: KeyServerView[]) => standingWarnings(list, new Map()).map((w) => w.code);
    expect(codes([])).toEqual(['FEWER_THAN_TWO_SERVERS']);
    expect(codes([server('a', 'primary', '10.0.0.1'), server('b', 'primary', '10.0.0.1')])).toEqual([
      'TWO_PRIMARIES',
      'SERVERS_SHARE_ADDRESS',
      'NO_TRUSTED_CERTIFICATE',
      'NO_CLIENT_IDENTITY',
      'NO_TRUSTED_CERTIFICATE',
      'NO_CLIENT_IDENTITY',
    ]);
    expect(codes([server('a', 'secondary', '10.0.0.1'), server('b', 'secondary', '10.0.0.2')])).toContain('NO_PRIMARY');
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(expiryWarning('x', '2026-11-30T00:00:00Z', now)?.code).toBe('CERTIFICATE_EXPIRED');
    expect(expiryWarning('x', '2026-12-05T00:00:00Z', now)?.code).toBe('CERTIFICATE_EXPIRES_7');
    expect(expiryWarning('x', '2026-12-20T00:00:00Z', now)?.code).toBe('CERTIFICATE_EXPIRES_30');
    expect(expiryWarning('x', '2027-02-01T00:00:00Z', now)?.code).toBe('CERTIFICATE_EXPIRES_90');
    expect(expiryWarning('x', '2028-01-01T00:00:00Z', now)).toBeNull();
  });
});
