import { X509Certificate, createPrivateKey } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { CustosError, fail, CliCode, KmipCode, KmipCodecCode, NetworkCode } from '../../contract';
import {
  KmipClient,
  KmipMessageLog,
  TtlvFrameReader,
  decodeTtlv,
  describeFingerprint,
  encodeTtlv,
  formatVersion,
  kmipJsonItem,
  kmipOperations,
  materialFingerprint,
  nameAttribute,
  objectGroupAttribute,
  parseVersion,
  plainAttribute,
  readKmipXml,
  redactSecrets,
  RevocationReasonCode,
  writeKmipXml,
  writeKmipXmlDocument,
  type KmipItemResult,
  type KmipObjectContent,
  type KmipSessionInfo,
  type PlainAttribute,
  type PlainValue,
  type ProtocolVersion,
  type TtlvNode,
} from '../../services/kmip';
import type { CliContext } from '../context';
import { readInputFile } from '../input-files';

/** Certificates and keys are small; this cap stops a wrong path to a disk image early. */
const MAX_TLS_FILE_BYTES = 1024 * 1024;
const MAX_STDIN_BYTES = 16 * 1024 * 1024;

interface ConnectionOptions {
  address: string;
  ca: string[];
  cert?: string[];
  key?: string;
  version?: ProtocolVersion;
  kmipVersion?: ProtocolVersion;
  allowHostnameMismatch?: boolean;
  timeout: number;
  logDir?: string;
}

export function kmipCommands(program: Command, ctx: CliContext): void {
  const kmip = program
    .command('kmip')
    .description('Talk to a KMIP key server over mutual TLS, and convert KMIP messages');

  connection(kmip.command('discover'))
    .description('List the KMIP versions the server speaks, and the one Custos would use')
    .action((o: ConnectionOptions) =>
      withClient(ctx, o, async (client) => {
        const offered = await client.discoverVersions([]);
        const chosen = await client.negotiatedVersion();
        const versions = offered.map(formatVersion);
        return {
          value: { versions, chosen: formatVersion(chosen) },
          human: `The key server speaks KMIP ${versions.join(', ')}.\nCustos uses KMIP ${formatVersion(chosen)}.`,
        };
      }),
    );

  connection(kmip.command('query'))
    .description('Ask the server which operations and object types it supports')
    .action((o: ConnectionOptions) =>
      withClient(ctx, o, async (client) => {
        const facts = await client.query();
        const lines = [
          `Vendor       ${facts.vendorIdentification ?? '(not given)'}`,
          `Operations   ${facts.operations.join(', ') || '(none listed)'}`,
          `Object types ${facts.objectTypes.join(', ') || '(none listed)'}`,
        ];
        if (facts.serverInformation !== undefined) lines.push(`Information  ${facts.serverInformation}`);
        return { value: facts, human: lines.join('\n') };
      }),
    );

  connection(kmip.command('create'))
    .description('Have the server generate an AES key')
    .requiredOption('--name <name>', "the key's Name attribute")
    .option('--group <group>', 'its Object Group attribute')
    .option('--bits <n>', 'key length: 128, 192 or 256', aesBits, 256)
    .action((o: ConnectionOptions & { name: string; group?: string; bits: number }) =>
      withClient(ctx, o, async (client) => {
        const attributes = [nameAttribute(o.name), ...(o.group === undefined ? [] : [objectGroupAttribute(o.group)])];
        const created = await client.create({ bits: o.bits, attributes });
        return {
          value: {
            uniqueIdentifier: created.uniqueIdentifier,
            objectType: created.objectType,
            name: o.name,
            bits: o.bits,
          },
          human: `Created AES-${o.bits} key "${o.name}" with unique identifier ${created.uniqueIdentifier}.`,
        };
      }),
    );

  connection(kmip.command('locate'))
    .description('Find objects by name and/or group (all of yours when neither is given)')
    .option('--name <name>', 'objects with this Name')
    .option('--group <group>', 'objects in this Object Group')
    .action((o: ConnectionOptions & { name?: string; group?: string }) =>
      withClient(ctx, o, async (client) => {
        const attributes = [
          ...(o.name === undefined ? [] : [nameAttribute(o.name)]),
          ...(o.group === undefined ? [] : [objectGroupAttribute(o.group)]),
        ];
        const ids = await client.locateAll(attributes);
        return {
          value: { uniqueIdentifiers: ids },
          human: ids.length === 0 ? 'No object matches.' : ids.join('\n'),
        };
      }),
    );

  connection(kmip.command('get'))
    .argument('<id>', 'unique identifier')
    .description('Show an object: its type, attributes and key length and fingerprint (never the key itself)')
    .action((id: string, o: ConnectionOptions) =>
      withClient(ctx, o, async (client) => {
        // One message for both: the object, then its attributes.
        const [got, read] = await client.batch([kmipOperations.get(id), kmipOperations.getAttributes(id)]);
        if (got.status !== 'ok') throw failureOf(got);
        const object = got.value;
        const attributes = read.status === 'ok' ? read.value.attributes.map(plainAttribute) : [];
        const summary = objectSummary(object);
        return {
          value: {
            uniqueIdentifier: object.uniqueIdentifier,
            objectType: object.objectType,
            ...summary.value,
            attributes,
          },
          human: [
            `Object       ${object.uniqueIdentifier} (${object.objectType})`,
            ...summary.lines,
            attributeLines(attributes),
          ].join('\n'),
        };
      }),
    );

  connection(kmip.command('attrs'))
    .argument('<id>', 'unique identifier')
    .description("List an object's attributes")
    .action((id: string, o: ConnectionOptions) =>
      withClient(ctx, o, async (client) => {
        const attributes = (await client.getAttributes(id)).attributes.map(plainAttribute);
        return { value: { uniqueIdentifier: id, attributes }, human: attributeLines(attributes) };
      }),
    );

  connection(kmip.command('activate'))
    .argument('<id>', 'unique identifier')
    .description('Activate an object: it may now protect data')
    .action((id: string, o: ConnectionOptions) =>
      withClient(ctx, o, async (client) => {
        await client.activate(id);
        return { value: { uniqueIdentifier: id, state: 'Active' }, human: `Activated ${id}.` };
      }),
    );

  connection(kmip.command('revoke'))
    .argument('<id>', 'unique identifier')
    .option(
      '--reason <reason>',
      `why: ${Object.keys(REVOCATION_REASONS).join(', ')}`,
      revocationReason,
      'cessation-of-operation',
    )
    .description('Revoke an object: it may no longer protect new data')
    .action((id: string, o: ConnectionOptions & { reason: keyof typeof REVOCATION_REASONS }) =>
      withClient(ctx, o, async (client) => {
        const reason = REVOCATION_REASONS[o.reason];
        const compromised =
          reason === RevocationReasonCode.KeyCompromise || reason === RevocationReasonCode.CACompromise;
        await client.revoke(id, { reason, compromisedAt: compromised ? new Date() : undefined });
        return { value: { uniqueIdentifier: id, reason: o.reason }, human: `Revoked ${id} (${o.reason}).` };
      }),
    );

  connection(kmip.command('destroy'))
    .argument('<id>', 'unique identifier')
    .description("Have the server destroy an object's key material (revoke an active key first)")
    .action((id: string, o: ConnectionOptions) =>
      withClient(ctx, o, async (client) => {
        await client.destroy(id);
        return { value: { uniqueIdentifier: id, state: 'Destroyed' }, human: `Destroyed ${id}.` };
      }),
    );

  connection(kmip.command('register'), { repeatableCert: true })
    .requiredOption('--name <name>', "the certificate's Name attribute")
    .option('--group <group>', 'its Object Group attribute')
    .description(
      'Register a certificate: give --cert twice, our client certificate (the one --key belongs to) and the one to register',
    )
    .action((o: ConnectionOptions & { name: string; group?: string }, command: Command) => {
      const split = splitRegisterCertificates(o);
      if (split === undefined) {
        command.error(
          'register needs --key and --cert twice: our client certificate and the certificate to register.',
          { exitCode: 2 },
        );
      }
      const { client: clientCert, object } = split;
      return withClient(ctx, { ...o, cert: [clientCert] }, async (client) => {
        const der = new X509Certificate(readInputFile(object, MAX_TLS_FILE_BYTES, 'certificate to register')).raw;
        const attributes = [nameAttribute(o.name), ...(o.group === undefined ? [] : [objectGroupAttribute(o.group)])];
        const registered = await client.register({ type: 'Certificate', der }, attributes);
        return {
          value: { uniqueIdentifier: registered.uniqueIdentifier, name: o.name },
          human: `Registered certificate "${o.name}" with unique identifier ${registered.uniqueIdentifier}.`,
        };
      });
    });

  kmip
    .command('encode')
    .description('KMIP XML on stdin (one message, or a <KMIP> document of several) to TTLV hex, one line per message')
    .action(async () => {
      const nodes = readKmipXml((await readStdin(ctx)).toString('utf8'));
      const lines = nodes.map((node) => encodeTtlv(node).toString('hex'));
      ctx.print({ messages: lines }, () => lines.join('\n'));
    });

  kmip
    .command('decode')
    .option('--redact', 'replace key material and credentials by length and fingerprint')
    .description(
      'TTLV on stdin (binary, or hex with one message per line) to KMIP XML (a <KMIP> document when several)',
    )
    .action(async (o: { redact?: boolean }) => {
      const nodes = decodeMessages(await readStdin(ctx)).map((node) =>
        o.redact === true ? redactSecrets(node) : node,
      );
      ctx.print({ messages: nodes.map((node) => kmipJsonItem(node)) }, () =>
        (nodes.length === 1 && nodes[0] !== undefined ? writeKmipXml(nodes[0]) : writeKmipXmlDocument(nodes)).trimEnd(),
      );
    });
}

function connection(command: Command, options: { repeatableCert?: boolean } = {}): Command {
  return command
    .requiredOption('--address <host:port>', 'the key server, e.g. kms1.example.com:5696')
    .requiredOption(
      '--ca <file>',
      'CA certificate(s) that vouch for the key server, PEM or DER (repeatable)',
      collect,
      [],
    )
    .option(
      '--cert <file>',
      options.repeatableCert === true
        ? 'our client certificate, and (again) the certificate to register'
        : 'our client certificate, PEM or DER',
      collect,
    )
    .option('--key <file>', 'the private key of our client certificate, PEM or PKCS#8 DER')
    .option('--version <kmip>', 'use this KMIP version instead of negotiating, e.g. 1.2', kmipVersion)
    .option('--kmip-version <kmip>', 'the same as --version', kmipVersion)
    .option(
      '--allow-hostname-mismatch',
      'accept a trusted server certificate that does not name the address (reported in every result)',
    )
    .option('--timeout <seconds>', 'how long one request may wait for its answer', positiveSeconds, 30)
    .option('--log-dir <dir>', 'append every KMIP message, secrets redacted, to DIR/kmip-messages.log');
}

interface CommandOutcome {
  readonly value: object;
  readonly human: string;
}

async function withClient(
  ctx: CliContext,
  o: ConnectionOptions,
  work: (client: KmipClient) => Promise<CommandOutcome>,
): Promise<void> {
  if ((o.cert?.length ?? 0) > 1) fail(CliCode.Usage, 'Give --cert once: our client certificate.');
  const cert = o.cert?.[0];
  const client = new KmipClient({
    address: o.address,
    version: o.kmipVersion ?? o.version,
    requestTimeoutMs: o.timeout * 1000,
    traffic: o.logDir === undefined ? undefined : new KmipMessageLog(o.logDir),
    tls: {
      ca: o.ca.map((file) => readInputFile(file, MAX_TLS_FILE_BYTES, 'CA certificate')),
      certificate: cert === undefined ? undefined : readInputFile(cert, MAX_TLS_FILE_BYTES, 'client certificate'),
      privateKey: o.key === undefined ? undefined : readInputFile(o.key, MAX_TLS_FILE_BYTES, 'client private key'),
      allowHostnameMismatch: o.allowHostnameMismatch === true,
    },
  });
  try {
    const outcome = await work(client);
    const session = client.session();
    if (session?.hostname === 'mismatch-allowed') {
      ctx.io.stderr(
        `custos: warning: the certificate of ${session.address} does not name that address; the check was overridden (--allow-hostname-mismatch).\n`,
      );
    }
    ctx.print(
      { ...outcome.value, connection: session === undefined ? undefined : connectionView(session) },
      () => outcome.human,
    );
  } finally {
    client.close();
  }
}

function failureOf(result: KmipItemResult<unknown>): CustosError {
  return result.status === 'failed'
    ? result.error
    : new CustosError(KmipCode.BadResponse, 'The key server did not run the request.');
}

function connectionView(session: KmipSessionInfo): object {
  return {
    address: session.address,
    protocolVersion: session.protocolVersion,
    versionSource: session.versionSource,
    tlsProtocol: session.tlsProtocol,
    cipher: session.cipher,
    hostname: session.hostname,
    serverCertificate: session.serverCertificate,
  };
}

/** Of the --cert files given to register, the one --key belongs to is ours; the other is registered. */
function splitRegisterCertificates(o: ConnectionOptions): { client: string; object: string } | undefined {
  const certs = o.cert ?? [];
  const [first, second] = certs;
  if (certs.length !== 2 || first === undefined || second === undefined || o.key === undefined) return undefined;
  const key = createPrivateKey(readInputFile(o.key, MAX_TLS_FILE_BYTES, 'client private key'));
  const belongs = (file: string): boolean => {
    try {
      return new X509Certificate(readInputFile(file, MAX_TLS_FILE_BYTES, 'certificate')).checkPrivateKey(key);
    } catch {
      return false;
    }
  };
  if (belongs(first)) return { client: first, object: second };
  if (belongs(second)) return { client: second, object: first };
  fail(
    NetworkCode.TlsMaterialInvalid,
    'Neither --cert file belongs to the --key given, so Custos cannot tell which is our client certificate.',
  );
}

function objectSummary(object: KmipObjectContent): { value: object; lines: string[] } {
  const block = object.keyBlock;
  if (object.certificate !== undefined) {
    const certificate = new X509Certificate(object.certificate.der);
    const view = {
      subject: certificate.subject.replace(/\n/g, ', '),
      notAfter: new Date(certificate.validTo).toISOString(),
      sha256: certificate.fingerprint256,
    };
    return {
      value: { certificate: view },
      lines: [`Subject      ${view.subject}`, `Valid until  ${view.notAfter}`, `SHA-256      ${view.sha256}`],
    };
  }
  if (block === undefined) return { value: {}, lines: [] };
  const material = block.material === undefined ? undefined : materialFingerprint(block.material);
  const key = `${block.algorithm ?? 'unknown algorithm'}${block.bits === undefined ? '' : `-${block.bits}`}`;
  return {
    value: {
      key: {
        formatType: block.formatType,
        algorithm: block.algorithm,
        bits: block.bits,
        wrapped: block.wrapped,
        material,
      },
    },
    lines: [
      `Key          ${key} (${block.formatType}${block.wrapped ? ', wrapped' : ''})`,
      `Material     ${material === undefined ? 'not in a plain form' : describeFingerprint(material)}`,
    ],
  };
}

function plainText(value: PlainValue): string {
  if (Array.isArray(value)) return value.map(plainText).join(' | ');
  if (typeof value === 'object') return Object.values(value).map(plainText).join(' / ');
  return String(value);
}

function attributeLines(attributes: readonly PlainAttribute[]): string {
  if (attributes.length === 0) return 'No attributes.';
  const width = Math.max(...attributes.map((attribute) => attribute.name.length));
  return attributes.map((attribute) => `${attribute.name.padEnd(width)}  ${plainText(attribute.value)}`).join('\n');
}

async function readStdin(ctx: CliContext): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.io.stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > MAX_STDIN_BYTES)
      fail(CliCode.InputTooLarge, `Standard input holds more than ${MAX_STDIN_BYTES} bytes; at most that is accepted.`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** Hex lines (one message each) when the input is all hex digits and white space, else binary TTLV. */
function decodeMessages(input: Buffer): TtlvNode[] {
  const text = input.toString('latin1');
  if (/^[\s0-9A-Fa-f]*$/.test(text)) {
    const lines = text
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, ''))
      .filter((line) => line !== '');
    if (lines.length === 0) fail(CliCode.InputEmpty, 'Standard input holds no KMIP message.');
    return lines.map((line, i) => {
      if (line.length % 2 !== 0) fail(KmipCodecCode.TtlvTruncated, `Line ${i + 1} holds an odd number of hex digits.`);
      return decodeTtlv(Buffer.from(line, 'hex'));
    });
  }
  const reader = new TtlvFrameReader();
  const messages = reader.push(input);
  if (reader.pendingBytes > 0)
    fail(
      KmipCodecCode.TtlvTruncated,
      `The input ends with ${reader.pendingBytes} bytes that do not form a whole KMIP message.`,
    );
  return messages.map((message) => decodeTtlv(message));
}

const REVOCATION_REASONS = {
  unspecified: RevocationReasonCode.Unspecified,
  'key-compromise': RevocationReasonCode.KeyCompromise,
  'ca-compromise': RevocationReasonCode.CACompromise,
  'affiliation-changed': RevocationReasonCode.AffiliationChanged,
  superseded: RevocationReasonCode.Superseded,
  'cessation-of-operation': RevocationReasonCode.CessationOfOperation,
  'privilege-withdrawn': RevocationReasonCode.PrivilegeWithdrawn,
} as const;

function isRevocationReason(value: string): value is keyof typeof REVOCATION_REASONS {
  return Object.hasOwn(REVOCATION_REASONS, value);
}

function revocationReason(value: string): keyof typeof REVOCATION_REASONS {
  if (!isRevocationReason(value))
    throw new InvalidArgumentError(`expected one of ${Object.keys(REVOCATION_REASONS).join(', ')}.`);
  return value;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function kmipVersion(value: string): ProtocolVersion {
  const version = parseVersion(value);
  if (version === undefined)
    throw new InvalidArgumentError(`expected a KMIP version such as 1.2 or 2.0, not "${value}".`);
  return version;
}

function aesBits(value: string): number {
  const bits = Number(value);
  if (bits !== 128 && bits !== 192 && bits !== 256) throw new InvalidArgumentError('expected 128, 192 or 256.');
  return bits;
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new InvalidArgumentError('expected a positive number of seconds.');
  return seconds;
}
