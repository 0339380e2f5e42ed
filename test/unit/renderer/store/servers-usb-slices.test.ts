import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, ok, StationCode } from '../../../../src-main/contract';
import { freshAppStore } from '../app-store';
import { fakeCustos } from '../fake-custos';
import { drive, keyServer, keySet } from '../fixtures';

afterEach(() => vi.unstubAllGlobals());

const warning = { severity: 'warning' as const, code: 'ONE_SERVER', sentence: 'Configure a secondary key server.' };

describe('servers slice', () => {
  it('loads servers and their standing warnings together', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'servers.list': () => ok([keyServer('SKLM primary')]),
      'servers.warnings': () => ok([warning]),
    });
    store.setState({ api: main.api });
    await store.getState().loadServers();
    expect(store.getState().servers.map((s) => s.name)).toEqual(['SKLM primary']);
    expect(store.getState().serverWarnings).toEqual([warning]);
  });

  it('keeps what it had for the half that failed', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'servers.list': () => ok([keyServer('SKLM primary')]),
      'servers.warnings': () => failure(StationCode.DatabaseUnusable, 'The station database cannot be read.'),
    });
    store.setState({ api: main.api, serverWarnings: [warning] });
    await store.getState().loadServers();
    expect(store.getState().servers).toHaveLength(1);
    expect(store.getState().serverWarnings).toEqual([warning]);
    expect(store.getState().notice?.text).toBe('The station database cannot be read.');
  });

  it('loads the health report', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({ 'servers.health': () => ok({ servers: [], events: [warning], checkEveryMinutes: 0 }) });
    store.setState({ api: main.api });
    await store.getState().loadHealth();
    expect(store.getState().health?.events).toEqual([warning]);
  });
});

describe('usb slice', () => {
  it('loads drives and key sets', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'usb.drives': () => ok([drive('sdb'), drive('sdc')]),
      'usb.keySets': () => ok([keySet('TS7770-A')]),
    });
    store.setState({ api: main.api });
    await store.getState().loadUsb();
    expect(store.getState().drives.map((d) => d.id)).toEqual(['sdb', 'sdc']);
    expect(store.getState().keySets.map((k) => k.name)).toEqual(['TS7770-A']);
  });

  it('asks once which lister lists the drives', async () => {
    const store = await freshAppStore();
    let asked = 0;
    const main = fakeCustos({
      'usb.driveLister': () => {
        asked += 1;
        return ok({ lister: 'drivelist', detail: "Drives are listed by balena's drivelist." });
      },
    });
    store.setState({ api: main.api });
    await store.getState().loadDriveLister();
    await store.getState().loadDriveLister();
    expect(store.getState().driveLister?.lister).toBe('drivelist');
    expect(asked).toBe(1);
  });

  it('keeps the latest progress per job and drive', async () => {
    const store = await freshAppStore();
    const ref = (id: string) => ({ id, label: id, mountPoint: `/media/${id}`, volumeId: id });
    const at = (id: string, bytesDone: number) => ({
      jobId: 'job-1',
      keySetName: 'TS7770-A',
      drive: ref(id),
      phase: 'writing' as const,
      bytesDone,
      bytesTotal: 100,
    });
    store.getState().usbProgressed(at('sdb', 10));
    store.getState().usbProgressed(at('sdc', 20));
    store.getState().usbProgressed(at('sdb', 90));
    expect(Object.keys(store.getState().usbProgress).sort()).toEqual(['job-1|sdb', 'job-1|sdc']);
    expect(store.getState().usbProgress['job-1|sdb']?.bytesDone).toBe(90);
  });
});
