import type { Command } from 'commander';
import { fail, CliCode } from '../../../contract';
import type { OpenStation } from '../../../services';
import { KmipClient, KmipMessageLog } from '../../../services/kmip';
import type { KmipBatchResults, KmipOperation, KmipSessionInfo, ProtocolVersion } from '../../../services/kmip';
import type { CliContext } from '../../context';
import { readInputFile } from '../../input-files';
import { collect, kmipVersion, positiveSeconds } from './arguments';
import { connectionView } from './views';

/** Certificates and keys are small; this cap stops a wrong path to a disk image early. */
export const MAX_TLS_FILE_BYTES = 1024 * 1024;

export interface ConnectionOptions {
  address?: string;
  server?: string;
  ca: string[];
  cert?: string[];
  key?: string;
  version?: ProtocolVersion;
  kmipVersion?: ProtocolVersion;
  allowHostnameMismatch?: boolean;
  timeout?: number;
  logDir?: string;
}

/** What a key server answered, and which server it was: its registered name, or in raw mode its address. */
export interface KmipAnswer<T> {
  readonly value: T;
  readonly server: string;
  readonly role?: 'primary' | 'secondary';
  readonly session?: KmipSessionInfo;
}

/**
 * Where `custos kmip` sends its requests: one server given by address and files (raw mode),
 * one registered server (--server), or the station's registered pair (reads fail over to the
 * secondary; changes go to the primary only).
 */
export interface KmipTarget {
  readonly mode: 'raw' | 'server' | 'pair';
  run<T>(operation: KmipOperation<T>): Promise<KmipAnswer<T>>;
  batch<const Ops extends readonly KmipOperation<unknown>[]>(
    operations: Ops,
  ): Promise<KmipAnswer<KmipBatchResults<Ops>>>;
  /** The same server again (a Locate's next page must come from the server that gave the first). */
  runOn<T>(server: string, operation: KmipOperation<T>): Promise<KmipAnswer<T>>;
}

export interface CommandOutcome {
  readonly value: object;
  readonly human: string;
  /** The answer whose server and session the result names. */
  readonly from: KmipAnswer<unknown>;
}

const RAW_ONLY = [
  ['ca', '--ca'],
  ['cert', '--cert'],
  ['key', '--key'],
  ['version', '--version'],
  ['kmipVersion', '--kmip-version'],
  ['allowHostnameMismatch', '--allow-hostname-mismatch'],
  ['timeout', '--timeout'],
  ['logDir', '--log-dir'],
] as const;

/** The options that choose the key server: the station's pair unless --server or --address says otherwise. */
export function connection(command: Command, options: { repeatableCert?: boolean } = {}): Command {
  return command
    .option('--server <name>', 'one registered key server of this station (no failover)')
    .option('--address <host:port>', 'raw mode: a key server not registered here, e.g. kms1.example.com:5696')
    .option(
      '--ca <file>',
      'raw mode: CA certificate(s) that vouch for the key server, PEM or DER (repeatable)',
      collect,
      [],
    )
    .option(
      '--cert <file>',
      options.repeatableCert === true
        ? 'the certificate to register; in raw mode also our client certificate (give --cert twice)'
        : 'raw mode: our client certificate, PEM or DER',
      collect,
    )
    .option('--key <file>', 'raw mode: the private key of our client certificate, PEM or PKCS#8 DER')
    .option('--version <kmip>', 'raw mode: use this KMIP version instead of negotiating, e.g. 1.2', kmipVersion)
    .option('--kmip-version <kmip>', 'the same as --version', kmipVersion)
    .option(
      '--allow-hostname-mismatch',
      'raw mode: accept a trusted server certificate that does not name the address (reported in every result)',
    )
    .option('--timeout <seconds>', 'raw mode: how long one request may wait for its answer (30 s)', positiveSeconds)
    .option('--log-dir <dir>', 'raw mode: append every KMIP message, secrets redacted, to DIR/kmip-messages.log');
}

/** Refuses option mixes that name no one server: exit 2. */
export function checkConnection(o: ConnectionOptions, command: Command, rawOnlyAllowed: readonly string[] = []): void {
  if (o.address !== undefined && o.server !== undefined)
    command.error('give --server (a registered key server) or --address (raw mode), not both.', { exitCode: 2 });
  if (o.address !== undefined) {
    if (o.ca.length === 0)
      command.error('raw mode needs --ca: the CA that vouches for the key server.', { exitCode: 2 });
    return;
  }
  const given = RAW_ONLY.filter(([name]) => {
    if (rawOnlyAllowed.includes(name)) return false;
    const value = o[name];
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
  if (given.length > 0)
    command.error(
      `${given.map(([, flag]) => flag).join(', ')} go with --address (raw mode); without it the station's registered key servers are used.`,
      { exitCode: 2 },
    );
}

/** Runs a command against its target and prints the result; with --json it names the server that answered. */
export async function withTarget(
  ctx: CliContext,
  o: ConnectionOptions,
  work: (target: KmipTarget) => Promise<CommandOutcome>,
): Promise<void> {
  const { address } = o;
  if (address !== undefined) {
    await withRawTarget(ctx, { ...o, address }, work);
    return;
  }
  await ctx.withUnlockedStation(async (station) => {
    const target = o.server === undefined ? pairTarget(station) : serverTarget(station, o.server);
    const outcome = await work(target);
    if (target.mode === 'pair' && outcome.from.role === 'secondary') {
      const primary = station.servers.pair.members().find((m) => m.role === 'primary');
      ctx.io.stderr(
        `custos: note: answered by the secondary key server "${outcome.from.server}"${primary ? `; the primary "${primary.name}" could not be used` : ''}.\n`,
      );
    }
    print(ctx, outcome);
  });
}

function print(ctx: CliContext, outcome: CommandOutcome): void {
  const { session, server, role } = outcome.from;
  ctx.print(
    {
      ...outcome.value,
      server,
      ...(role === undefined ? {} : { role }),
      connection: session === undefined ? undefined : connectionView(session),
    },
    () => outcome.human,
  );
}

async function withRawTarget(
  ctx: CliContext,
  o: ConnectionOptions & { address: string },
  work: (target: KmipTarget) => Promise<CommandOutcome>,
): Promise<void> {
  if ((o.cert?.length ?? 0) > 1) fail(CliCode.Usage, 'Give --cert once: our client certificate.');
  const cert = o.cert?.[0];
  const client = new KmipClient({
    address: o.address,
    version: o.kmipVersion ?? o.version,
    requestTimeoutMs: (o.timeout ?? 30) * 1000,
    traffic: o.logDir === undefined ? undefined : new KmipMessageLog(o.logDir),
    tls: {
      ca: o.ca.map((file) => readInputFile(file, MAX_TLS_FILE_BYTES, 'CA certificate')),
      certificate: cert === undefined ? undefined : readInputFile(cert, MAX_TLS_FILE_BYTES, 'client certificate'),
      privateKey: o.key === undefined ? undefined : readInputFile(o.key, MAX_TLS_FILE_BYTES, 'client private key'),
      allowHostnameMismatch: o.allowHostnameMismatch === true,
    },
  });
  const answer = <T>(value: T): KmipAnswer<T> => ({ value, server: client.address, session: client.session() });
  const target: KmipTarget = {
    mode: 'raw',
    run: async (operation) => answer(await client.run(operation)),
    batch: async (operations) => answer(await client.batch(operations)),
    runOn: async (_server, operation) => answer(await client.run(operation)),
  };
  try {
    const outcome = await work(target);
    const session = client.session();
    if (session?.hostname === 'mismatch-allowed') {
      ctx.io.stderr(
        `custos: warning: the certificate of ${session.address} does not name that address; the check was overridden (--allow-hostname-mismatch).\n`,
      );
    }
    print(ctx, { ...outcome, from: { ...outcome.from, session } });
  } finally {
    client.dispose();
  }
}

function pairTarget(station: OpenStation): KmipTarget {
  const { pair } = station.servers;
  return {
    mode: 'pair',
    run: (operation) => pair.run(operation),
    batch: (operations) => pair.batch(operations),
    runOn: (server, operation) => pair.runOn(server, operation),
  };
}

function serverTarget(station: OpenStation, name: string): KmipTarget {
  const { pair } = station.servers;
  return {
    mode: 'server',
    run: (operation) => pair.runOn(name, operation),
    batch: (operations) => pair.batchOn(name, operations),
    runOn: (server, operation) => pair.runOn(server, operation),
  };
}
