import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { Command } from 'commander';
import { fail, NetworkCode } from '../../../contract';
import {
  formatVersion,
  kmipOperations,
  nameAttribute,
  objectGroupAttribute,
  parseVersion,
  plainAttribute,
  RevocationReasonCode,
  type KmipAttribute,
} from '../../../services/kmip';
import type { CliContext } from '../../context';
import { readInputFile } from '../../input-files';
import { aesBits, REVOCATION_REASONS, revocationReason } from './arguments';
import { checkConnection, connection, MAX_TLS_FILE_BYTES, withTarget } from './target';
import type { ConnectionOptions, KmipAnswer, KmipTarget } from './target';
import { attributeLines, failureOf, objectSummary } from './views';

/** Locate pages this many at a time (KMIP 1.3 and later). */
const LOCATE_PAGE = 500;

/** `custos kmip <operation>`: one KMIP operation on the target, the result named by the server that gave it. */
export function kmipOperationCommands(kmip: Command, ctx: CliContext): void {
  connection(kmip.command('discover'))
    .description('List the KMIP versions the server speaks, and the one Custos would use')
    .action((o: ConnectionOptions, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const offered = await target.run(kmipOperations.discoverVersions([]));
        const versions = offered.value.map(formatVersion);
        const chosen = offered.session?.protocolVersion ?? '(not settled)';
        return {
          value: { versions, chosen },
          human: `The key server speaks KMIP ${versions.join(', ')}.\nCustos uses KMIP ${chosen}.`,
          from: offered,
        };
      });
    });

  connection(kmip.command('query'))
    .description('Ask the server which operations and object types it supports')
    .action((o: ConnectionOptions, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const answer = await target.run(kmipOperations.query());
        const facts = answer.value;
        const lines = [
          `Vendor       ${facts.vendorIdentification ?? '(not given)'}`,
          `Operations   ${facts.operations.join(', ') || '(none listed)'}`,
          `Object types ${facts.objectTypes.join(', ') || '(none listed)'}`,
        ];
        if (facts.serverInformation !== undefined) lines.push(`Information  ${facts.serverInformation}`);
        return { value: facts, human: lines.join('\n'), from: answer };
      });
    });

  connection(kmip.command('create'))
    .description('Have the server generate an AES key (on the primary key server only, unless --server)')
    .requiredOption('--name <name>', "the key's Name attribute")
    .option('--group <group>', 'its Object Group attribute')
    .option('--bits <n>', 'key length: 128, 192 or 256', aesBits, 256)
    .action((o: ConnectionOptions & { name: string; group?: string; bits: number }, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const attributes = [nameAttribute(o.name), ...(o.group === undefined ? [] : [objectGroupAttribute(o.group)])];
        const created = await target.run(kmipOperations.create({ bits: o.bits, attributes }));
        return {
          value: {
            uniqueIdentifier: created.value.uniqueIdentifier,
            objectType: created.value.objectType,
            name: o.name,
            bits: o.bits,
          },
          human: `Created AES-${o.bits} key "${o.name}" with unique identifier ${created.value.uniqueIdentifier}.`,
          from: created,
        };
      });
    });

  connection(kmip.command('locate'))
    .description('Find objects by name and/or group (all of yours when neither is given)')
    .option('--name <name>', 'objects with this Name')
    .option('--group <group>', 'objects in this Object Group')
    .action((o: ConnectionOptions & { name?: string; group?: string }, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const attributes = [
          ...(o.name === undefined ? [] : [nameAttribute(o.name)]),
          ...(o.group === undefined ? [] : [objectGroupAttribute(o.group)]),
        ];
        const found = await locateAll(target, attributes);
        return {
          value: { uniqueIdentifiers: found.value },
          human: found.value.length === 0 ? 'No object matches.' : found.value.join('\n'),
          from: found,
        };
      });
    });

  connection(kmip.command('get'))
    .argument('<id>', 'unique identifier')
    .description('Show an object: its type, attributes and key length and fingerprint (never the key itself)')
    .action((id: string, o: ConnectionOptions, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        // One message for both: the object, then its attributes.
        const answer = await target.batch([kmipOperations.get(id), kmipOperations.getAttributes(id)]);
        const [got, read] = answer.value;
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
          from: answer,
        };
      });
    });

  connection(kmip.command('attrs'))
    .argument('<id>', 'unique identifier')
    .description("List an object's attributes")
    .action((id: string, o: ConnectionOptions, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const answer = await target.run(kmipOperations.getAttributes(id));
        const attributes = answer.value.attributes.map(plainAttribute);
        return { value: { uniqueIdentifier: id, attributes }, human: attributeLines(attributes), from: answer };
      });
    });

  connection(kmip.command('activate'))
    .argument('<id>', 'unique identifier')
    .description('Activate an object: it may now protect data')
    .action((id: string, o: ConnectionOptions, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const answer = await target.run(kmipOperations.activate(id));
        return { value: { uniqueIdentifier: id, state: 'Active' }, human: `Activated ${id}.`, from: answer };
      });
    });

  connection(kmip.command('revoke'))
    .argument('<id>', 'unique identifier')
    .option(
      '--reason <reason>',
      `why: ${Object.keys(REVOCATION_REASONS).join(', ')}`,
      revocationReason,
      'cessation-of-operation',
    )
    .description('Revoke an object: it may no longer protect new data')
    .action((id: string, o: ConnectionOptions & { reason: keyof typeof REVOCATION_REASONS }, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const reason = REVOCATION_REASONS[o.reason];
        const compromised =
          reason === RevocationReasonCode.KeyCompromise || reason === RevocationReasonCode.CACompromise;
        const answer = await target.run(
          kmipOperations.revoke(id, { reason, compromisedAt: compromised ? new Date() : undefined }),
        );
        return {
          value: { uniqueIdentifier: id, reason: o.reason },
          human: `Revoked ${id} (${o.reason}).`,
          from: answer,
        };
      });
    });

  connection(kmip.command('destroy'))
    .argument('<id>', 'unique identifier')
    .description("Have the server destroy an object's key material (revoke an active key first)")
    .action((id: string, o: ConnectionOptions, command: Command) => {
      checkConnection(o, command);
      return withTarget(ctx, o, async (target) => {
        const answer = await target.run(kmipOperations.destroy(id));
        return { value: { uniqueIdentifier: id, state: 'Destroyed' }, human: `Destroyed ${id}.`, from: answer };
      });
    });

  connection(kmip.command('register'), { repeatableCert: true })
    .requiredOption('--name <name>', "the certificate's Name attribute")
    .option('--group <group>', 'its Object Group attribute')
    .description(
      'Register a certificate given with --cert; in raw mode give --cert twice, our client certificate (the one --key belongs to) and the one to register',
    )
    .action((o: ConnectionOptions & { name: string; group?: string }, command: Command) => {
      let object: string;
      let options = o;
      if (o.address === undefined) {
        checkConnection(o, command, ['cert']);
        const [only, ...more] = o.cert ?? [];
        if (only === undefined || more.length > 0)
          command.error('register needs --cert once: the certificate to register.', { exitCode: 2 });
        object = only;
      } else {
        checkConnection(o, command);
        const split = splitRegisterCertificates(o);
        if (split === undefined) {
          command.error(
            'register needs --key and --cert twice: our client certificate and the certificate to register.',
            { exitCode: 2 },
          );
        }
        object = split.object;
        options = { ...o, cert: [split.client] };
      }
      return withTarget(ctx, options, async (target) => {
        const der = new X509Certificate(readInputFile(object, MAX_TLS_FILE_BYTES, 'certificate to register')).raw;
        const attributes = [nameAttribute(o.name), ...(o.group === undefined ? [] : [objectGroupAttribute(o.group)])];
        const registered = await target.run(kmipOperations.register({ type: 'Certificate', der }, attributes));
        return {
          value: { uniqueIdentifier: registered.value.uniqueIdentifier, name: o.name },
          human: `Registered certificate "${o.name}" with unique identifier ${registered.value.uniqueIdentifier}.`,
          from: registered,
        };
      });
    });
}

/**
 * Every match, a page at a time (Maximum Items / Offset Items), every page from the server that
 * gave the first. Before KMIP 1.3, which has no Offset Items, one unbounded Locate.
 */
async function locateAll(target: KmipTarget, attributes: readonly KmipAttribute[]): Promise<KmipAnswer<string[]>> {
  const first = await target.run(kmipOperations.locate({ attributes, maximumItems: LOCATE_PAGE }));
  const found = [...first.value.uniqueIdentifiers];
  if (found.length < LOCATE_PAGE) return { ...first, value: found };
  const version = parseVersion(first.session?.protocolVersion ?? '');
  if (version !== undefined && version.major === 1 && version.minor < 3) {
    const all = await target.runOn(first.server, kmipOperations.locate({ attributes }));
    return { ...all, value: [...all.value.uniqueIdentifiers] };
  }
  for (;;) {
    const page = await target.runOn(
      first.server,
      kmipOperations.locate({ attributes, maximumItems: LOCATE_PAGE, offsetItems: found.length }),
    );
    found.push(...page.value.uniqueIdentifiers);
    if (page.value.uniqueIdentifiers.length < LOCATE_PAGE) return { ...page, value: found };
  }
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
