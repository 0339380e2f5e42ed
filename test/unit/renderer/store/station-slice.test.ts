import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, ok, StationCode } from '../../../../src-main/contract';
import { freshAppStore, until } from '../app-store';
import { fakeCustos } from '../fake-custos';
import { drive, job, keySet, vault } from '../fixtures';

const snapshot = (jobs = [job('job-1')]) =>
  ok({
    version: '0.1.0',
    home: '/home/custodian/.custos',
    transport: 'browser-host' as const,
    vault: 'locked' as const,
    jobs,
  });

afterEach(() => vi.unstubAllGlobals());

describe('station slice: one snapshot, then pushes', () => {
  it('hydrates the station, its running jobs and the vault from one snapshot', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'station.snapshot': () => snapshot(),
      'vault.status': () => ok(vault('locked')),
      'settings.get': () => ok({ theme: 'dark', kmipMessageLog: true, serverTestMinutes: 0 }),
    });
    await store.getState().attach(main.api);
    const s = store.getState();
    expect(s.api).toBe(main.api);
    expect(s.snapshot).toEqual({
      version: '0.1.0',
      home: '/home/custodian/.custos',
      transport: 'browser-host',
      vault: 'locked',
    });
    expect(s.jobs.map((j) => j.id)).toEqual(['job-1']);
    expect(s.jobsPanelOpen).toBe(true);
    expect(s.vault?.state).toBe('locked');
    expect(s.settings?.theme).toBe('dark');
    expect(main.sent.map((c) => c.name)).toEqual(['station.snapshot', 'vault.status', 'settings.get']);
  });

  it('says why when the snapshot fails, and asks nothing more', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'station.snapshot': () => failure(StationCode.DatabaseUnusable, 'The station database cannot be read.'),
    });
    await store.getState().attach(main.api);
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'The station database cannot be read.' });
    expect(store.getState().snapshot).toBeNull();
    expect(main.sent.map((c) => c.name)).toEqual(['station.snapshot']);
  });

  it('keeps jobs, health, vault and USB progress current from push events', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'station.snapshot': () => snapshot([]),
      'vault.status': () => ok(vault('locked')),
      'settings.get': () => ok({ theme: 'system', kmipMessageLog: true, serverTestMinutes: 0 }),
      'usb.drives': () => ok([drive('sdb')]),
      'usb.keySets': () => ok([keySet('TS7770-A')]),
    });
    await store.getState().attach(main.api);

    main.push('jobs.changed', job('job-2', { progress: 0.5 }));
    expect(store.getState().jobs).toEqual([job('job-2', { progress: 0.5 })]);

    main.push('servers.healthChanged', { servers: [], events: [], checkEveryMinutes: 60 });
    expect(store.getState().health?.checkEveryMinutes).toBe(60);

    const progress = {
      jobId: 'job-2',
      keySetName: 'TS7770-A',
      drive: { id: 'sdb', label: 'KEYS1', mountPoint: '/media/KEYS1', volumeId: 'vol-1' },
      phase: 'writing' as const,
      bytesDone: 10,
      bytesTotal: 100,
    };
    main.push('usb.progress', progress);
    expect(store.getState().usbProgress['job-2|sdb']).toEqual(progress);

    main.push('usb.drivesChanged', { type: 'inserted', label: 'KEYS1', mountPoint: '/media/KEYS1' });
    await until(store, (s) => s.drives.length === 1);
    expect(store.getState().keySets.map((k) => k.name)).toEqual(['TS7770-A']);
  });

  it('setConnection records the transport state', async () => {
    const store = await freshAppStore();
    expect(store.getState().connection).toBe('connecting');
    store.getState().setConnection('electron');
    expect(store.getState().connection).toBe('electron');
  });
});
