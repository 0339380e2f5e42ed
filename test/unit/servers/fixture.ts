import { stationDatabaseOf } from '../../../src-main/services';
import { CustosError, NetworkCode } from '../../../src-main/contract/errors';
import type { KmipClientOptions, KmipItemResult, KmipOperation, KmipPoolMember } from '../../../src-main/services/kmip';
import { kmipOperations, Operation } from '../../../src-main/services/kmip';
import { KeyServers, createSelfSignedIdentity } from '../../../src-main/services/servers';
import type { OpenStation } from '../../../src-main/services';

/** What a fake key server does with the next request. */
export type Behaviour = 'answer' | CustosError;

/** A key server that answers from memory, or fails as told: the pair's fault injection. */
export class FakeEndpoint {
  readonly requests: string[] = [];
  behaviour: Behaviour = 'answer';
  /** While set, answers wait for it: a request under way. */
  gate: Promise<void> | undefined;
  private next = 1;
  readonly objects = new Map<string, string>();

  constructor(readonly address: string) {}

  async batch(operations: readonly KmipOperation<unknown>[]): Promise<KmipItemResult<unknown>[]> {
    this.requests.push(operations.map((o) => kmipOperations.operationName(o.operation)).join(','));
    if (this.gate !== undefined) await this.gate;
    if (this.behaviour !== 'answer') throw this.behaviour;
    return operations.map((o): KmipItemResult<unknown> => {
      switch (o.operation) {
        case Operation.Create: {
          const id = String(this.next++);
          this.objects.set(id, 'key');
          return { status: 'ok', value: { objectType: 'SymmetricKey', uniqueIdentifier: id } };
        }
        case Operation.Get:
          return { status: 'ok', value: { objectType: 'SymmetricKey', uniqueIdentifier: o.uniqueIdentifier ?? '' } };
        case Operation.Destroy:
          this.objects.delete(o.uniqueIdentifier ?? '');
          return { status: 'ok', value: { uniqueIdentifier: o.uniqueIdentifier ?? '' } };
        case Operation.Locate:
          return { status: 'ok', value: { uniqueIdentifiers: [...this.objects.keys()] } };
        case Operation.Query:
          return {
            status: 'ok',
            value: { operations: ['Create'], objectTypes: ['SymmetricKey'], vendorIdentification: this.address },
          };
        default:
          return { status: 'ok', value: { uniqueIdentifier: o.uniqueIdentifier ?? '' } };
      }
    });
  }
}

/** One client the pool made for an endpoint. */
export class FakeKeyServer implements KmipPoolMember {
  disposed = false;

  constructor(
    readonly endpoint: FakeEndpoint,
    readonly options: KmipClientOptions,
  ) {}

  get address(): string {
    return this.endpoint.address;
  }

  batch(operations: readonly KmipOperation<unknown>[]): Promise<KmipItemResult<unknown>[]> {
    return this.endpoint.batch(operations);
  }

  session() {
    return undefined;
  }

  close(): void {}

  dispose(): void {
    this.disposed = true;
  }
}

export const refused = (address: string) =>
  new CustosError(NetworkCode.Unreachable, `The key server ${address} refused the connection.`);

/**
 * Key servers over a real station database and keystore, with every client a FakeKeyServer:
 * "kms-a" primary at 10.0.0.1 and "kms-b" secondary at 10.0.0.2, both trusted and with an identity.
 */
export async function pairedServers(station: OpenStation) {
  let now = 1_000_000;
  const made: FakeKeyServer[] = [];
  const endpoints = new Map<string, FakeEndpoint>();
  const endpoint = (address: string): FakeEndpoint => {
    const known = endpoints.get(address) ?? new FakeEndpoint(address);
    endpoints.set(address, known);
    return known;
  };
  const servers = new KeyServers(stationDatabaseOf(station), station.keystore, station.audit, undefined, {
    backoffMs: 30_000,
    now: () => now,
    connect: (options) => {
      const fake = new FakeKeyServer(endpoint(options.address), options);
      made.push(fake);
      return fake;
    },
  });
  if (!station.keystore.isLabelTaken('Station identity')) {
    await createSelfSignedIdentity(station.keystore, {
      label: 'Station identity',
      commonName: 'custos-unit',
      bits: 2048,
    });
    station.keystore.add({
      label: 'Server CA',
      type: 'trusted-certificate',
      origin: 'test',
      certificateDer: station.keystore.certificateOf('Station identity'),
    });
  }
  for (const [name, address, role] of [
    ['kms-a', '10.0.0.1', 'primary'],
    ['kms-b', '10.0.0.2', 'secondary'],
  ] as const) {
    servers.registry.add({ name, address, role, trustLabel: 'Server CA', identityLabel: 'Station identity' });
  }
  return {
    servers,
    made,
    primary: () => endpoint('10.0.0.1:5696'),
    secondary: () => endpoint('10.0.0.2:5696'),
    advance: (ms: number) => void (now += ms),
  };
}
