import { describe, it, expect } from 'vitest';
import { CustosError, KmipCode, KmipCodecCode, NetworkCode } from '../../../../src-main/contract/errors';
import {
  KmipServerPool,
  kmipOperations as ops,
  type KmipClientOptions,
  type KmipItemResult,
  type KmipOperation,
  type KmipPoolMember,
} from '../../../../src-main/services/kmip';

/** What a fake server does with the next request. */
type Behaviour = 'answer' | CustosError;

class FakeServer implements KmipPoolMember {
  readonly requests: string[] = [];
  behaviour: Behaviour = 'answer';

  constructor(readonly address: string) {}

  async batch(operations: readonly KmipOperation<unknown>[]): Promise<KmipItemResult<unknown>[]> {
    this.requests.push(operations.map((operation) => operation.operation).join(','));
    if (this.behaviour !== 'answer') throw this.behaviour;
    return operations.map(() => ({ status: 'ok', value: { uniqueIdentifier: this.address } }));
  }

  session() {
    return undefined;
  }

  close(): void {}
}

function setup(writes?: 'primary-only' | 'failover-when-unsent') {
  let now = 1_000_000;
  const servers = new Map<string, FakeServer>();
  const connect = (options: KmipClientOptions): KmipPoolMember => {
    const server = new FakeServer(options.address);
    servers.set(options.address, server);
    return server;
  };
  const tls = { ca: [] };
  const pool = new KmipServerPool({
    servers: [
      { name: 'kms-a', role: 'primary', client: { address: 'primary:5696', tls } },
      { name: 'kms-b', role: 'secondary', client: { address: 'secondary:5696', tls } },
    ],
    writes,
    backoffMs: 30_000,
    now: () => now,
    connect,
  });
  const primary = servers.get('primary:5696');
  const secondary = servers.get('secondary:5696');
  if (primary === undefined || secondary === undefined) throw new Error('servers not made');
  return { pool, primary, secondary, advance: (ms: number) => void (now += ms) };
}

const refused = new CustosError(NetworkCode.Unreachable, 'The primary key server primary:5696 refused the connection.');
const unknown = new CustosError(
  KmipCode.OutcomeUnknown,
  'The Create request was sent to the primary key server primary:5696, but the connection broke.',
);

async function failure(work: Promise<unknown>): Promise<CustosError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  }
  throw new Error('expected a CustosError');
}

describe('KmipServerPool', () => {
  it('sends everything to the primary while it answers', async () => {
    const { pool, primary, secondary } = setup();
    expect((await pool.run(ops.get('1'))).role).toBe('primary');
    expect((await pool.run(ops.create())).role).toBe('primary');
    expect(secondary.requests).toEqual([]);
    expect(primary.requests).toHaveLength(2);
  });

  it('sends reads to the secondary when the primary cannot be reached, and skips the primary for the back-off', async () => {
    const { pool, primary, secondary, advance } = setup();
    primary.behaviour = refused;
    const result = await pool.run(ops.locate());
    expect(result.role).toBe('secondary');
    expect(result.address).toBe('secondary:5696');
    await pool.run(ops.get('1'));
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(2);
    advance(30_001);
    primary.behaviour = 'answer';
    expect((await pool.run(ops.get('1'))).role).toBe('primary');
  });

  it('keeps changes on the primary by default: KMIP_PRIMARY_UNAVAILABLE names it, the secondary is not used', async () => {
    const { pool, primary, secondary } = setup();
    primary.behaviour = refused;
    const error = await failure(pool.run(ops.create()));
    expect(error.code).toBe('KMIP_PRIMARY_UNAVAILABLE');
    expect(error.message).toContain('The primary key server "kms-a" (primary:5696) cannot be used');
    expect(error.message).toContain(refused.message);
    expect(error.message).toContain('nothing was sent to "kms-b"');
    expect(secondary.requests).toEqual([]);
  });

  it('with writes allowed to fail over, sends a change that reached no server to the secondary', async () => {
    const { pool, primary, secondary } = setup('failover-when-unsent');
    primary.behaviour = refused;
    expect((await pool.run(ops.create())).role).toBe('secondary');
    expect(secondary.requests).toHaveLength(1);
  });

  it('never re-sends a change whose outcome is unknown, even with failover allowed', async () => {
    const { pool, primary, secondary } = setup('failover-when-unsent');
    primary.behaviour = unknown;
    const error = await failure(pool.run(ops.create()));
    expect(error.code).toBe('KMIP_OUTCOME_UNKNOWN');
    expect(error.message).toContain('primary key server primary:5696');
    expect(secondary.requests).toEqual([]);
    expect(pool.health()[0]?.lastFailure?.code).toBe('KMIP_OUTCOME_UNKNOWN');
  });

  it('does not fail over when the server answered with a refusal', async () => {
    const { pool, primary, secondary } = setup();
    primary.behaviour = new CustosError(KmipCodecCode.TtlvBadLength, 'The KMIP message is not valid.');
    expect((await failure(pool.run(ops.get('1')))).code).toBe('KMIP_TTLV_BAD_LENGTH');
    expect(secondary.requests).toEqual([]);
    expect(pool.health()[0]?.skippedUntil).toBeUndefined();
  });

  it('says no server could serve when both fail, and still tries when every server is being skipped', async () => {
    const { pool, primary, secondary } = setup();
    primary.behaviour = refused;
    secondary.behaviour = new CustosError(
      NetworkCode.Timeout,
      'The secondary key server secondary:5696 did not answer.',
    );
    const error = await failure(pool.run(ops.get('1')));
    expect(error.code).toBe('KMIP_NO_SERVER');
    expect(error.message).toContain('the primary "kms-a" (primary:5696) failed with SERVER_UNREACHABLE');
    expect(error.message).toContain('the secondary "kms-b" (secondary:5696) failed with SERVER_TIMEOUT');
    secondary.behaviour = 'answer';
    // Both are now in back-off: the pool tries them anyway, primary first.
    expect((await pool.run(ops.get('1'))).role).toBe('secondary');
    expect(primary.requests).toHaveLength(2);
  });

  it('records health as plain data: last success, last failure and why, latency, back-off', async () => {
    const { pool, primary } = setup();
    await pool.run(ops.query());
    primary.behaviour = refused;
    await pool.run(ops.query());
    const [primaryHealth, secondaryHealth] = pool.health();
    expect(primaryHealth).toMatchObject({
      name: 'kms-a',
      role: 'primary',
      address: 'primary:5696',
      lastSuccessAt: new Date(1_000_000).toISOString(),
      lastFailureAt: new Date(1_000_000).toISOString(),
      lastFailure: { code: 'SERVER_UNREACHABLE', sentence: refused.message },
      lastLatencyMs: 0,
      skippedUntil: new Date(1_030_000).toISOString(),
    });
    expect(secondaryHealth).toMatchObject({ role: 'secondary', lastSuccessAt: new Date(1_000_000).toISOString() });
    expect(JSON.parse(JSON.stringify(pool.health()))).toEqual(pool.health());
  });
});
