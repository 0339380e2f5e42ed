import { CustosError, isCustosError, NetworkCode, VaultCode } from '../../contract';
import type { EntryView, KeyServerView } from '../../contract';
import { KmipServerPool } from '../kmip';
import type {
  KmipBatchOptions,
  KmipBatchResults,
  KmipClientOptions,
  KmipOperation,
  KmipPoolMember,
  KmipPoolResult,
  KmipPoolServer,
  KmipServerHealth,
  KmipTlsConfig,
  KmipTrafficListener,
} from '../kmip';
import type { Keystore } from '../keystore';
import { kmipAddress } from './connection-test';
import type { HealthBook } from './health';
import type { KeyServerPair, PairAnswer } from './pair';
import type { KeyServerRegistry } from './registry';

export interface StationPairOptions {
  /** How long a server that could not be used is skipped (30 s unless given). */
  readonly backoffMs?: number;
  /** The clock in milliseconds. */
  readonly now?: () => number;
  /** Makes the client for one server (tests inject faults here). */
  readonly connect?: (options: KmipClientOptions) => KmipPoolMember;
}

/**
 * The registered servers as one KmipServerPool, kept (with its open connections) while the
 * station is open and the configuration stands. A change to the registry, to a trusted
 * certificate or to the station identity builds a new pool; closing the pool wipes the clients'
 * copies of the identity's private key. Every answer names the registered server that gave it.
 */
export class StationPair implements KeyServerPair {
  private built: BuiltPool | undefined;
  /** Pools replaced by a new configuration while requests were still under way on them. */
  private readonly retired = new Set<BuiltPool>();

  constructor(
    private readonly registry: KeyServerRegistry,
    private readonly keystore: Keystore,
    private readonly health: HealthBook,
    private readonly traffic: KmipTrafficListener | undefined,
    private readonly stateChanged: () => void,
    private readonly options: StationPairOptions = {},
  ) {}

  members(): { name: string; role: 'primary' | 'secondary' }[] {
    return this.registry.list().map((s) => ({ name: s.name, role: s.role }));
  }

  // async: a failure to find the server or open the pool is a rejection, as callers expect.
  async run<T>(operation: KmipOperation<T>): Promise<PairAnswer<T>> {
    return this.using((pool) => pool.run(operation));
  }

  async batch<const Ops extends readonly KmipOperation<unknown>[]>(
    operations: Ops,
  ): Promise<PairAnswer<KmipBatchResults<Ops>>> {
    return this.using((pool) => pool.batch(operations));
  }

  async runOn<T>(server: string, operation: KmipOperation<T>): Promise<PairAnswer<T>> {
    const name = this.registry.show(server).name;
    return this.using((pool) => pool.runOn(name, operation));
  }

  /** Several operations in one message to one named server, no failover. */
  async batchOn<const Ops extends readonly KmipOperation<unknown>[]>(
    server: string,
    operations: Ops,
    options?: KmipBatchOptions,
  ): Promise<PairAnswer<KmipBatchResults<Ops>>> {
    const name = this.registry.show(server).name;
    return this.using((pool) => pool.batchOn(name, operations, options));
  }

  /** Each registered server's live health (back-off included), primary first. */
  liveHealth(): KmipServerHealth[] {
    return this.built?.pool.health() ?? [];
  }

  /**
   * Closes every connection now and wipes the identity's private key; the next request opens a
   * new pool. What the requests learnt of each server's health is stored now.
   */
  close(): void {
    this.built?.pool.close();
    this.built = undefined;
    for (const old of this.retired) old.pool.close();
    this.retired.clear();
    // After the wipe: a database that refuses the write must not keep the key in memory.
    try {
      this.health.flush(new Set(this.registry.list().map((s) => s.id)));
    } catch {
      // Only times and latency are lost; states were stored when they changed.
    }
  }

  /** Runs work on the current pool; a pool replaced meanwhile is closed once its last request ends. */
  private async using<T>(work: (pool: KmipServerPool) => Promise<KmipPoolResult<T>>): Promise<PairAnswer<T>> {
    const built = this.current();
    built.inflight++;
    try {
      return answer(await work(built.pool));
    } finally {
      built.inflight--;
      if (this.retired.has(built) && built.inflight === 0) {
        this.retired.delete(built);
        built.pool.close();
      }
    }
  }

  private current(): BuiltPool {
    const servers = this.registry.list();
    const entries = this.entries(servers);
    const key = configurationKey(servers, entries);
    if (this.built?.key === key) return this.built;
    const old = this.built;
    this.built = undefined;
    // A change under way on the old pool finishes there rather than being cut (and made outcome-unknown).
    if (old !== undefined && old.inflight > 0) this.retired.add(old);
    else old?.pool.close();
    const secrets: Buffer[] = [];
    try {
      const pool = new KmipServerPool({
        servers: servers.map((server) => this.poolServer(server, secrets)),
        backoffMs: this.options.backoffMs,
        now: this.options.now,
        connect: this.options.connect,
        observe: (health) => this.observed(health),
      });
      const built: BuiltPool = { key, pool, servers, inflight: 0 };
      this.built = built;
      return built;
    } finally {
      // Each client holds its own copy of the key from here on, wiped when the pool closes.
      for (const secret of secrets) secret.fill(0);
    }
  }

  private poolServer(server: KeyServerView, secrets: Buffer[]): KmipPoolServer {
    const base = {
      name: server.name,
      role: server.role,
      health: this.health.recordOf(server),
    };
    const address = kmipAddress(server);
    try {
      const tls = this.tlsFor(server, secrets);
      return {
        ...base,
        client: { address, tls, role: `${server.role} key server "${server.name}"`, traffic: this.traffic },
      };
    } catch (error) {
      const sentence = isCustosError(error) ? error.message : 'its TLS material cannot be read.';
      return {
        ...base,
        client: { address, tls: { ca: [] } },
        unusable: new CustosError(
          NetworkCode.TlsMaterialInvalid,
          `The ${server.role} key server "${server.name}" cannot be used by this station yet: ${sentence}`,
        ),
      };
    }
  }

  /** The server's trusted certificate and the station identity, from the keystore. */
  private tlsFor(server: KeyServerView, secrets: Buffer[]): KmipTlsConfig {
    if (!server.trustLabel)
      throw new CustosError(
        NetworkCode.TlsMaterialInvalid,
        'no certificate of it is trusted yet; run the certificate exchange.',
      );
    if (!server.identityLabel)
      throw new CustosError(NetworkCode.TlsMaterialInvalid, 'no client identity of this station is chosen for it yet.');
    const ca = [this.keystore.certificateOf(server.trustLabel)];
    const certificate = this.keystore.certificateOf(server.identityLabel);
    const { secret } = this.keystore.secretOf(server.identityLabel);
    secrets.push(secret);
    return { ca, certificate, privateKey: secret, allowHostnameMismatch: !server.verifyHostname };
  }

  /**
   * The keystore entries the servers are bound to, by label (a missing one is left out). Throws
   * VAULT_LOCKED while the vault is locked, as the identity's key is needed.
   */
  private entries(servers: readonly KeyServerView[]): Map<string, EntryView> {
    const labels = new Set(servers.flatMap((s) => [s.trustLabel, s.identityLabel]).filter((l) => l !== null));
    const entries = new Map<string, EntryView>();
    for (const label of labels) {
      try {
        entries.set(label.toLowerCase(), this.keystore.show(label));
      } catch (error) {
        if (isCustosError(error) && (error.code === VaultCode.Locked || error.code === VaultCode.None)) {
          this.close();
          throw error;
        }
        // A binding to an entry that is gone: that server is unusable, the others still serve.
      }
    }
    return entries;
  }

  /** Every request's outcome is kept; a server that changes state is stored at once, and is news for the Dashboard. */
  private observed(health: KmipServerHealth): void {
    const server = this.built?.servers.find((s) => s.name === health.name);
    if (server !== undefined && this.health.observed(server)) this.stateChanged();
  }
}

interface BuiltPool {
  readonly key: string;
  readonly pool: KmipServerPool;
  readonly servers: readonly KeyServerView[];
  inflight: number;
}

function answer<T>(result: KmipPoolResult<T>): PairAnswer<T> {
  return {
    value: result.value,
    server: result.server,
    role: result.role,
    address: result.address,
    session: result.session,
  };
}

/** What the pool is built from: a change to any of it means a new pool. */
function configurationKey(servers: readonly KeyServerView[], entries: Map<string, EntryView>): string {
  const entry = (label: string | null): string => {
    const found = label === null ? undefined : entries.get(label.toLowerCase());
    return found === undefined ? '-' : `${found.id}/${found.updatedAt}/${found.certificate?.sha256 ?? ''}`;
  };
  return JSON.stringify(
    servers.map((s) => [
      s.id,
      s.name,
      s.role,
      s.address,
      s.kmipPort,
      s.verifyHostname,
      entry(s.trustLabel),
      entry(s.identityLabel),
    ]),
  );
}
