import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenStation } from '../../../src-main/services';
import { createSelfSignedIdentity } from '../../../src-main/services/servers';
import { unlockedStation } from '../../helpers/station';

let station: OpenStation;
let cleanup: () => void;

beforeEach(async () => {
  ({ station, cleanup } = await unlockedStation());
});

afterEach(() => cleanup());

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('the key-server registry', () => {
  it('adds a server with the usual ports, the primary role and a normalized address', () => {
    const added = station.servers.registry.add({ name: '  SKLM 1 ', address: '[FE80::1]' });
    expect(added).toMatchObject({
      name: 'SKLM 1',
      address: 'fe80::1',
      kmipPort: 5696,
      ippTcpPort: 3801,
      ippTlsPort: 1441,
      role: 'primary',
      verifyHostname: true,
      trustLabel: null,
      identityLabel: null,
    });
    expect(station.servers.registry.show('sklm 1').id).toBe(added.id);
  });

  it('refuses a taken name (whatever its case), a bad name and a bad address', () => {
    station.servers.registry.add({ name: 'SKLM 1', address: 'kms1.example.com' });
    expect(codeOf(() => station.servers.registry.add({ name: 'sklm 1', address: 'kms2.example.com' }))).toBe(
      'SERVER_NAME_TAKEN',
    );
    expect(codeOf(() => station.servers.registry.add({ name: ' ', address: 'kms2.example.com' }))).toBe(
      'SERVER_NAME_INVALID',
    );
    expect(codeOf(() => station.servers.registry.add({ name: 'x\u0007', address: 'kms2.example.com' }))).toBe(
      'SERVER_NAME_INVALID',
    );
    expect(codeOf(() => station.servers.registry.add({ name: 'SKLM 2', address: 'not a host!' }))).toBe(
      'SERVER_ADDRESS_INVALID',
    );
    expect(station.servers.registry.list()).toHaveLength(1);
  });

  it('lists primaries first, then by name', () => {
    station.servers.registry.add({ name: 'b-secondary', address: '10.0.0.2', role: 'secondary' });
    station.servers.registry.add({ name: 'z-primary', address: '10.0.0.1', role: 'primary' });
    station.servers.registry.add({ name: 'a-secondary', address: '10.0.0.3', role: 'secondary' });
    expect(station.servers.registry.list().map((s) => s.name)).toEqual(['z-primary', 'a-secondary', 'b-secondary']);
  });

  it('binds only entries of the right type', async () => {
    await createSelfSignedIdentity(station.keystore, { label: 'Station', commonName: 'station', bits: 2048 });
    expect(codeOf(() => station.servers.registry.add({ name: 'S', address: '10.0.0.1', trustLabel: 'Station' }))).toBe(
      'ENTRY_WRONG_TYPE',
    );
    const added = station.servers.registry.add({ name: 'S', address: '10.0.0.1', identityLabel: 'station' });
    expect(added.identityLabel).toBe('Station');
    expect(codeOf(() => station.servers.registry.rebind('S', { identityLabel: 'missing' }))).toBe('ENTRY_UNKNOWN');
  });

  it('removes a server only when its name is typed again as confirmation', () => {
    station.servers.registry.add({ name: 'SKLM 1', address: '10.0.0.1' });
    expect(codeOf(() => station.servers.registry.remove('SKLM 1', 'SKLM'))).toBe('REMOVE_NOT_CONFIRMED');
    expect(station.servers.registry.list()).toHaveLength(1);
    station.servers.registry.remove('sklm 1', ' SKLM 1 ');
    expect(station.servers.registry.list()).toEqual([]);
    expect(codeOf(() => station.servers.registry.show('SKLM 1'))).toBe('SERVER_UNKNOWN');
    const audit = station.audit.list({ limit: 10 }).map((e) => e.action);
    expect(audit).toContain('server.remove');
  });
});
