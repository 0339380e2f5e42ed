import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { DeviceCode, fail } from '../../contract';
import type { KekChoice } from '../../contract';
import { MAX_KEYSTORE_BYTES } from '../../services/keystore';
import type { CliContext } from '../context';
import { readInputFile } from '../input-files';
import { ekmPreviewLines, groupDetails, groupTable, syncLines, usageLines } from './group-format';

const MAX_CONFIG_BYTES = 1024 * 1024;

/** `custos group ...` and `custos keystore usage` (the cartridge inventory lives with the device groups). */
export function groupCommands(program: Command, ctx: CliContext): Command {
  const group = program
    .command('group')
    .description('Device groups: families, keys, devices, approvals, EKM migration');

  group
    .command('list')
    .description('List the device groups with their key, device and pending counts')
    .action(() =>
      ctx.withUnlockedStation((s) => {
        const groups = s.devices.list();
        ctx.print(groups, () => groupTable(groups));
      }),
    );

  group
    .command('show')
    .argument('<name>', 'group name')
    .description('Show a group: keys, devices, and which keys each key server holds')
    .action((name: string) =>
      ctx.withUnlockedStation(async (s) => {
        const view = s.devices.show(name);
        const holdings = s.servers.pair.members().length > 0 ? await s.devices.holdings(name) : undefined;
        ctx.print({ ...view, servers: holdings?.servers ?? [] }, () => groupDetails(view, holdings));
      }),
    );

  group
    .command('create')
    .argument('<name>', 'group name: at most 16 letters, digits or _, starting with a letter')
    .requiredOption('--family <family>', '3592, LTO, DS5000, DS8000, GPFS, PEER_TO_PEER or GENERIC')
    .option('--policy <policy>', 'device requests: manual, auto or pending', 'manual')
    .option('--description <text>', 'what the group is for')
    .option(
      '--kek <label[:L|H]>',
      'a KEK (existing, else made) and its label encoding; repeat (3592: two)',
      collectKek,
      [],
    )
    .option('--keys <n>', 'AES keys to make (LTO, DS5000, PEER_TO_PEER, GENERIC)', integer)
    .option('--key-prefix <prefix>', 'sequential key labels start with this (default NAME_)')
    .option('--bits <n>', 'AES key size: 128 or 256', integer)
    .option('--cert <label>', 'a certificate that grants access (DS8000, GPFS); repeat', collect, [])
    .action(
      (
        name: string,
        o: {
          family: string;
          policy: string;
          description?: string;
          kek: KekChoice[];
          keys?: number;
          keyPrefix?: string;
          bits?: number;
          cert: string[];
        },
      ) =>
        ctx.withUnlockedStation(async (s) => {
          const view = await s.devices.create({
            name,
            family: o.family,
            policy: o.policy,
            description: o.description,
            keks: o.kek,
            keys: o.keys,
            keyPrefix: o.keyPrefix,
            bits: o.bits,
            certificates: o.cert,
          });
          ctx.print(view, () => `Created device group ${view.name}.\n${groupDetails(view)}`);
        }),
    );

  group
    .command('sync')
    .argument('<name>', 'group name')
    .description(
      "Register the group's keys on the primary key server (Name = label, Object Group = group); safe to repeat",
    )
    .action((name: string) =>
      ctx.withUnlockedStation(async (s) => {
        const report = await s.devices.sync(name);
        ctx.print(report, () => syncLines(report));
        if (report.failed.length > 0 || report.conflicts.length > 0)
          fail(
            DeviceCode.SyncIncomplete,
            `${report.conflicts.length} keys conflict with other material on ${report.server} and ${report.failed.length} could not be registered; see above.`,
          );
      }),
    );

  group
    .command('add-device')
    .argument('<name>', 'group name')
    .requiredOption('--serial <serial>', 'the device serial number')
    .option('--wwn <wwn>', 'World Wide Name (16 or 32 hex digits)')
    .option('--description <text>', 'where it is, what it is')
    .description('Add a device by hand (it is accepted)')
    .action((name: string, o: { serial: string; wwn?: string; description?: string }) =>
      ctx.withUnlockedStation((s) => {
        const view = s.devices.addDevice(name, o);
        ctx.print(view, () => `Added ${o.serial} to ${view.name}.`);
      }),
    );

  for (const [verb, text] of [
    ['approve', 'Accept a pending or unknown device'],
    ['reject', 'Refuse a pending or unknown device'],
  ] as const) {
    group
      .command(verb)
      .argument('<name>', 'group name')
      .argument('<serial>', 'device serial number')
      .description(text)
      .action((name: string, serial: string) =>
        ctx.withUnlockedStation((s) => {
          const view = verb === 'approve' ? s.devices.approve(name, serial) : s.devices.reject(name, serial);
          ctx.print(view, () => `${verb === 'approve' ? 'Approved' : 'Rejected'} ${serial} in ${view.name}.`);
        }),
      );
  }

  group
    .command('delete')
    .argument('<name>', 'group name')
    .requiredOption('--confirm <name>', 'the group name again')
    .description('Delete an empty group (no keys, no devices)')
    .action((name: string, o: { confirm: string }) =>
      ctx.withUnlockedStation((s) => {
        s.devices.delete(name, o.confirm);
        ctx.print({ deleted: name }, () => `Deleted device group ${name}.`);
      }),
    );

  group
    .command('import-ekm')
    .requiredOption('--config <file>', 'the EKM/ISKLM configuration file (Java properties)')
    .option('--metadata <file>', 'its key-usage metadata (SKLMData.xml)')
    .option('--keystore <file>', 'its keystore (JCEKS, JKS or PKCS#12)')
    .option('--store-pass-file <file>', "the keystore's store password")
    .requiredOption('--name <name>', 'the new 3592 group')
    .description(
      'Migrate a retiring EKM: its KEKs, default aliases, drives and cartridge inventory into one 3592 group',
    )
    .action((o: { config: string; metadata?: string; keystore?: string; storePassFile?: string; name: string }) =>
      ctx.withUnlockedStation(async (s) => {
        const config = {
          fileName: basename(o.config),
          text: readInputFile(o.config, MAX_CONFIG_BYTES, 'configuration file').toString('utf8'),
        };
        const keystore = o.keystore
          ? {
              fileName: basename(o.keystore),
              bytes: readInputFile(o.keystore, MAX_KEYSTORE_BYTES, 'keystore file'),
              storePassword: o.storePassFile
                ? readFileSync(o.storePassFile, 'utf8').replace(/\r?\n$/, '')
                : ctx.io.env.CUSTOS_STORE_PASS,
            }
          : undefined;
        const metadata = o.metadata ? { fileName: basename(o.metadata), path: o.metadata } : undefined;
        // One pass over the metadata: the commit checks every event inside its transaction.
        const preview = await s.devices.ekmPreview({
          name: o.name,
          config,
          keystore,
          metadata,
          previewMetadata: false,
        });
        if (!ctx.json) ctx.io.stderr(`${ekmPreviewLines(preview)}\n`);
        const result = s.devices.ekmCommit(preview.previewId);
        for (const w of result.warnings) if (ctx.json) ctx.io.stderr(`custos: warning: ${w}\n`);
        ctx.print(
          result,
          () =>
            `Migrated into ${result.group.name}: ${result.imported.length} keystore entries, ${result.events} key-usage events, ${result.group.devices.length} devices.`,
        );
      }),
    );

  const keystore = program.commands.find((c) => c.name() === 'keystore');
  keystore
    ?.command('usage')
    .argument('<label>', 'key label (not case-sensitive)')
    .description('The cartridges (volsers) and drives that used a key, from key-usage metadata')
    .action((label: string) =>
      ctx.withUnlockedStation((s) => {
        const usage = s.devices.usage(label);
        ctx.print(usage, () => usageLines(usage));
      }),
    );

  return group;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** LABEL or LABEL:L or LABEL:H; a one-letter suffix other than L or H is a mistake, not part of the label. */
function collectKek(value: string, previous: KekChoice[]): KekChoice[] {
  const m = /^(.*):([A-Za-z])$/.exec(value);
  if (m && m[2] !== 'L' && m[2] !== 'H')
    throw new InvalidArgumentError(`"${value}": the encoding after ":" is L or H.`);
  return [...previous, m ? { label: m[1] ?? '', encoding: m[2] as 'L' | 'H' } : { label: value, encoding: 'L' }];
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected a whole number, not "${value}".`);
  return n;
}
