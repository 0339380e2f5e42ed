import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustosError, KmipCode } from '../../../src-main/contract/errors';
import type { OpenStation } from '../../../src-main/services';
import { kmipOperations as ops, nameAttribute } from '../../../src-main/services/kmip';
import { stationDatabaseOf } from '../../../src-main/services';
import { KeyServers } from '../../../src-main/services/servers';
import { behindCustos, unlockedStation } from '../../helpers/station';
import { pairedServers, refused } from './fixture';

let station: OpenStation;
let home: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ station, home, cleanup } = await unlockedStation());
});

afterEach(() => cleanup());

async function failure(work: Promise<unknown>): Promise<CustosError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  }
  throw new Error('expected a CustosError');
}

describe('the key-server pair', () => {
  it('sends reads and changes to the primary while it answers; every answer names the server', async () => {
    const { servers, primary, secondary } = await pairedServers(station);
    expect(servers.pair.members()).toEqual([
      { name: 'kms-a', role: 'primary' },
      { name: 'kms-b', role: 'secondary' },
    ]);
    const located = await servers.pair.run(ops.locate());
    expect(located).toMatchObject({ server: 'kms-a', role: 'primary', address: '10.0.0.1:5696' });
    const created = await servers.pair.run(ops.create({ attributes: [nameAttribute('k')] }));
    expect(created.server).toBe('kms-a');
    expect(primary().requests).toEqual(['Locate', 'Create']);
    expect(secondary().requests).toEqual([]);
  });

  it('reads fail over to the secondary, the primary is skipped for the back-off, then used again', async () => {
    const { servers, primary, secondary, advance } = await pairedServers(station);
    primary().behaviour = refused('10.0.0.1:5696');
    const located = await servers.pair.run(ops.locate());
    expect(located).toMatchObject({ server: 'kms-b', role: 'secondary' });
    await servers.pair.run(ops.query());
    expect(primary().requests).toHaveLength(1);
    expect(secondary().requests).toEqual(['Locate', 'Query']);
    // The health the Dashboard shows is the pool's: the primary is unreachable, and says why.
    const report = servers.healthReport();
    expect(report.servers.map((s) => [s.name, s.state])).toEqual([
      ['kms-a', 'unreachable'],
      ['kms-b', 'ok'],
    ]);
    expect(report.servers[0]?.lastFailureReason).toContain('refused the connection');
    primary().behaviour = 'answer';
    advance(30_001);
    expect((await servers.pair.run(ops.query())).server).toBe('kms-a');
    expect(servers.healthReport().servers[0]?.state).toBe('ok');
  });

  it('refuses a change with KMIP_PRIMARY_UNAVAILABLE naming the primary; nothing reaches the secondary', async () => {
    const { servers, primary, secondary } = await pairedServers(station);
    primary().behaviour = refused('10.0.0.1:5696');
    const error = await failure(servers.pair.run(ops.create({ attributes: [nameAttribute('k')] })));
    expect(error.code).toBe(KmipCode.PrimaryUnavailable);
    expect(error.message).toContain('The primary key server "kms-a" (10.0.0.1:5696) cannot be used');
    expect(error.message).toContain('nothing was sent to "kms-b"');
    const batch = await failure(servers.pair.batch([ops.locate(), ops.create()]));
    expect(batch.code).toBe(KmipCode.PrimaryUnavailable);
    expect(secondary().requests).toEqual([]);
  });

  it('never re-sends a change whose outcome is unknown', async () => {
    const { servers, primary, secondary } = await pairedServers(station);
    primary().behaviour = new CustosError(KmipCode.OutcomeUnknown, 'The Create request was sent; no answer came.');
    const error = await failure(servers.pair.run(ops.create()));
    expect(error.code).toBe(KmipCode.OutcomeUnknown);
    expect(primary().requests).toEqual(['Create']);
    expect(secondary().requests).toEqual([]);
  });

  it('runOn talks to the one named server, by any case of its name, with no failover', async () => {
    const { servers, primary, secondary } = await pairedServers(station);
    expect((await servers.pair.runOn('KMS-B', ops.query())).server).toBe('kms-b');
    secondary().behaviour = refused('10.0.0.2:5696');
    expect((await failure(servers.pair.runOn('kms-b', ops.query()))).code).toBe('SERVER_UNREACHABLE');
    expect(primary().requests).toEqual([]);
    expect((await failure(servers.pair.runOn('nope', ops.query()))).code).toBe('SERVER_UNKNOWN');
  });

  it('keeps one pool while the configuration stands, builds a new one when it changes, and wipes on close', async () => {
    const { servers, made } = await pairedServers(station);
    await servers.pair.run(ops.query());
    await servers.pair.run(ops.query());
    expect(made).toHaveLength(2);
    const [first, second] = made;
    servers.registry.rebind('kms-b', { verifyHostname: false });
    await servers.pair.run(ops.query());
    expect(made).toHaveLength(4);
    expect(first?.disposed && second?.disposed).toBe(true);
    servers.closeConnections();
    expect(made.every((m) => m.disposed)).toBe(true);
    // The private key handed to each client was a copy: the keystore's own was wiped after the pool was built.
    expect(made[2]?.options.tls.privateKey?.every((b) => b === 0)).toBe(true);
  });

  it('a change under way when the configuration changes finishes on the old pool, which closes after it', async () => {
    const { servers, made, primary } = await pairedServers(station);
    let open = (): void => undefined;
    primary().gate = new Promise<void>((resolve) => (open = resolve));
    const underWay = servers.pair.run(ops.create({ attributes: [nameAttribute('k')] }));
    servers.registry.rebind('kms-b', { verifyHostname: false });
    expect((await servers.pair.runOn('kms-b', ops.query())).server).toBe('kms-b');
    expect(made).toHaveLength(4);
    expect(made[0]?.disposed).toBe(false);
    open();
    expect((await underWay).server).toBe('kms-a');
    expect(made.slice(0, 2).every((m) => m.disposed)).toBe(true);
    expect(made.slice(2).some((m) => m.disposed)).toBe(false);
  });

  it('a server this station cannot use yet (no trusted certificate) is passed over for reads', async () => {
    const { servers, secondary } = await pairedServers(station);
    servers.registry.add({ name: 'kms-c', address: '10.0.0.3', role: 'primary', identityLabel: 'Station identity' });
    // kms-a and kms-c are both primaries; kms-a (first by name) takes changes, reads try kms-c too.
    const located = await servers.pair.runOn('kms-b', ops.locate());
    expect(located.server).toBe('kms-b');
    const error = await failure(servers.pair.runOn('kms-c', ops.query()));
    expect(error.code).toBe('TLS_MATERIAL_INVALID');
    expect(error.message).toContain('"kms-c" cannot be used by this station yet');
    expect(secondary().requests).toEqual(['Locate']);
  });

  it('tells health listeners when a server changes state on a request', async () => {
    const { servers, primary } = await pairedServers(station);
    const told: string[] = [];
    servers.onHealthChanged((report) => told.push(report.servers.map((s) => s.state).join(',')));
    await servers.pair.run(ops.query());
    primary().behaviour = refused('10.0.0.1:5696');
    await servers.pair.run(ops.query());
    expect(told).toEqual(['ok,unknown', 'unreachable,unknown', 'unreachable,ok']);
  });

  it("stores a server's health when its state changes, not on every request; the rest when the pair closes", async () => {
    const { servers, primary, advance } = await pairedServers(station);
    const stored = () =>
      behindCustos(home, (db) =>
        db
          .prepare(
            'SELECT k.name, h.state, h.last_success, h.checked_at FROM server_health h JOIN key_servers k ON k.id = h.server_id ORDER BY k.name',
          )
          .all(),
      ) as { name: string; state: string; last_success: string | null; checked_at: string }[];
    await servers.pair.run(ops.query());
    const first = stored();
    expect(first).toMatchObject([{ name: 'kms-a', state: 'ok' }]);
    for (let i = 0; i < 5; i++) {
      advance(1_000);
      await servers.pair.run(ops.query());
    }
    // Nothing changed state: nothing written; the Dashboard still shows the latest contact.
    expect(stored()).toEqual(first);
    const shown = servers.healthReport().servers[0];
    expect(shown).toMatchObject({ name: 'kms-a', state: 'ok' });
    expect(Date.parse(shown?.lastSuccess ?? '')).toBe(Date.parse(first[0]?.last_success ?? '') + 5_000);
    // A change of state is written at once.
    primary().behaviour = refused('10.0.0.1:5696');
    await servers.pair.run(ops.query());
    expect(stored().map((r) => [r.name, r.state])).toEqual([
      ['kms-a', 'unreachable'],
      ['kms-b', 'ok'],
    ]);
    advance(1_000);
    await servers.pair.run(ops.query());
    // The station closes (or the vault locks): what the requests learnt is stored for the next open.
    servers.stop();
    const again = new KeyServers(stationDatabaseOf(station), station.keystore, station.audit).healthReport();
    expect(again.servers.map((s) => [s.name, s.state, s.lastSuccess, s.lastFailure])).toEqual(
      servers.healthReport().servers.map((s) => [s.name, s.state, s.lastSuccess, s.lastFailure]),
    );
  });

  it('the console and the key-retrieval test go through the pair to the chosen server', async () => {
    const { servers, primary, secondary } = await pairedServers(station);
    expect((await servers.console.query('kms-b')).vendor).toBe('10.0.0.2:5696');
    const steps = await servers.testKeyRetrieval('kms-a');
    expect(steps.map((s) => [s.step, s.ok])).toEqual([
      ['Create probe key', true],
      ['Get probe key', true],
      ['Destroy probe key', true],
    ]);
    expect(primary().requests).toEqual(['Create', 'Get', 'Destroy']);
    secondary().behaviour = refused('10.0.0.2:5696');
    const report = await servers.checkAll();
    expect(report.servers.map((s) => s.state)).toEqual(['ok', 'unreachable']);
    expect(report.events.map((e) => e.code)).toContain('SERVER_FAILING');
  });
});
