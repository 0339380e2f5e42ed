import { basename } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { BackupCode, countOf, fail, KmipCode } from '../../contract';
import type { BackupSelection, OnClash } from '../../contract';
import { inspectArchive, readArchiveFile } from '../../services/backup';
import type { ArchiveUnlock, CreateBackupRequest } from '../../services/backup';
import type { CliContext } from '../context';
import { readInputFile } from '../input-files';
import { readPassphrase } from '../passphrase';

interface SelectionOptions {
  all?: boolean;
  label: string[];
  group?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Usage errors exit 2 with one `custos: USAGE:` line, as commander's own do. */
function usage(command: Command, sentence: string): never {
  return command.error(sentence, { exitCode: 2, code: 'custos.usage' });
}

function selectionOf(command: Command, o: SelectionOptions): BackupSelection {
  const given = [o.all === true, o.label.length > 0, o.group !== undefined].filter(Boolean).length;
  if (given !== 1) usage(command, 'choose what to back up: exactly one of --all, --label L..., --group G.');
  if (o.all) return { all: true };
  if (o.group !== undefined) return { group: o.group };
  return { labels: o.label };
}

/**
 * The backup passphrase: only from --backup-pass-file or a prompt without echo. Never argv, and
 * never CUSTOS_PASSPHRASE or --passphrase-file, which stay the vault's.
 */
function backupPassphrase(ctx: CliContext, file: string | undefined): Promise<string> {
  return readPassphrase({ ...ctx.io, env: {} }, { passphraseFile: file }, 'Backup passphrase: ');
}

async function unlockOf(
  ctx: CliContext,
  command: Command,
  o: { backupPassFile?: string; share: string[] },
): Promise<ArchiveUnlock> {
  if (o.backupPassFile && o.share.length > 0)
    usage(command, 'open the archive with --backup-pass-file or with --share files, not both.');
  if (o.share.length > 0)
    return {
      shares: o.share.map((f) => ({
        text: readInputFile(f, 64 * 1024, 'share file').toString('utf8'),
        where: basename(f),
      })),
    };
  return { passphrase: await backupPassphrase(ctx, o.backupPassFile) };
}

export function backupCommands(program: Command, ctx: CliContext): void {
  const backup = program
    .command('backup')
    .description('Encrypted key backups: archives, custodian shares, restore, backup key servers');

  const create = backup
    .command('create')
    .description('Write an encrypted archive of keys, protected by a backup passphrase and/or M-of-N custodian shares')
    .requiredOption('--out <file>', 'where to write the archive')
    .option('--all', 'every key and certificate of this station')
    .option('--label <label>', 'a key to back up (repeat for several)', collect, [])
    .option('--group <group>', 'the keys of a device group')
    .option('--backup-pass-file <file>', 'read the backup passphrase from this file (else a prompt, unless --shares)')
    .option('--shares <M/N>', 'split the archive key into N custodian shares, M of which open it (2 <= M <= N <= 16)')
    .option('--share-dir <dir>', 'where to write the share files (one per custodian)')
    .option(
      '--share-drive <drive>',
      'write share i to its own USB drive (mount point, id or label as `custos usb drives` shows; repeat, one per share, in order)',
      collect,
      [],
    )
    .option(
      '--allow-mount <dir>',
      'admit a mounted folder the OS does not call removable as a share drive (repeatable)',
      collect,
      [],
    )
    .option('--holder <name>', 'the custodian holding share i (repeat, in order)', collect, [])
    .option('--sheets', 'also write a printable PDF sheet per custodian')
    .option('--include-identities', "also back up this station's private TLS client identities")
    .action(
      (
        o: SelectionOptions & {
          out: string;
          backupPassFile?: string;
          shares?: string;
          shareDir?: string;
          shareDrive: string[];
          allowMount: string[];
          holder: string[];
          sheets?: boolean;
          includeIdentities?: boolean;
        },
      ) => {
        const selection = selectionOf(create, o);
        let shares: CreateBackupRequest['shares'];
        if (o.shares !== undefined) {
          const m = /^(\d{1,2})\/(\d{1,2})$/.exec(o.shares);
          if (!m) usage(create, '--shares takes M/N, e.g. 3/5.');
          if (o.shareDir && o.shareDrive.length > 0)
            usage(create, 'write the shares to --share-dir or to --share-drive drives, not both.');
          if (!o.shareDir && o.shareDrive.length === 0)
            usage(create, '--shares needs --share-dir DIR, or one --share-drive DRIVE per share.');
          shares = {
            threshold: Number(m[1]),
            count: Number(m[2]),
            holders: o.holder,
            ...(o.shareDir ? { dir: o.shareDir } : { drives: o.shareDrive }),
            sheets: o.sheets === true,
          };
        } else if (o.shareDir || o.shareDrive.length > 0 || o.holder.length > 0 || o.sheets) {
          usage(create, '--share-dir, --share-drive, --holder and --sheets go with --shares M/N.');
        }
        return ctx.withUnlockedStation(async (s) => {
          if (o.allowMount.length > 0) s.usb.setAllowedMounts(o.allowMount);
          const passphrase =
            o.backupPassFile !== undefined || !shares ? await backupPassphrase(ctx, o.backupPassFile) : undefined;
          const created = await s.backup.create({
            selection,
            out: o.out,
            passphrase,
            shares,
            includeIdentities: o.includeIdentities === true,
          });
          ctx.print(created, () =>
            [
              `Wrote ${created.path}: ${created.entries} keys, protected by ${created.protectors}; read back and verified.`,
              ...created.shareFiles.map(
                (f) =>
                  `  share ${f.index} for ${f.holder}: ${f.path}${f.drive ? ` on the USB drive ${f.drive.label || f.drive.mountPoint}${f.drive.volumeId ? ` (serial ${f.drive.volumeId})` : ''}, written and read back` : ''}${f.sheetPath ? ` (sheet ${f.sheetPath})` : ''}`,
              ),
            ].join('\n'),
          );
        });
      },
    );

  backup
    .command('inspect')
    .argument('<file>', 'a backup archive')
    .description('Show what an archive holds, from its header alone (no secret needed)')
    .action((file: string) => {
      const view = inspectArchive(readArchiveFile(file), basename(file));
      ctx.print(view, () =>
        [
          `${view.fileName}: format ${view.formatVersion}, made ${view.createdAt} on ${view.station} (Custos ${view.custosVersion})`,
          `Protected by: ${[
            view.passphrase ? `backup passphrase (scrypt N=${view.passphrase.N})` : '',
            view.shares
              ? `${view.shares.threshold} of ${view.shares.count} custodian shares, set ${view.shares.setId} (${view.shares.holders.join(', ')})`
              : '',
          ]
            .filter(Boolean)
            .join(' and ')}`,
          `${countOf(view.entries.length, 'entry', 'entries')}:`,
          ...view.entries.map(
            (e) =>
              `  ${e.label}  ${e.type}  ${e.algorithm}-${e.keyBits}  ${e.state}${e.kcv ? `  KCV ${e.kcv}` : ''}${e.certificateSha256 ? `  SHA-256 ${e.certificateSha256.slice(0, 23)}…` : ''}`,
          ),
          view.servers.length ? `Key servers: ${view.servers.join(', ')}` : 'Key servers: none',
        ].join('\n'),
      );
    });

  const verify = backup
    .command('verify')
    .argument('<file>', 'a backup archive')
    .description('Decrypt an archive in memory and check every entry against its header; nothing is written')
    .option('--backup-pass-file <file>', 'the backup passphrase, from this file (else a prompt)')
    .option('--share <file>', 'a custodian share file (repeat, M of them)', collect, [])
    .action((file: string, o: { backupPassFile?: string; share: string[] }) =>
      ctx.withStation(
        async (s) => {
          const unlock = await unlockOf(ctx, verify, o);
          const verdict = await s.backup.verify(readArchiveFile(file), basename(file), unlock);
          ctx.print(verdict, () => `${verdict.fileName}: all ${verdict.entries} entries decrypt and match the header.`);
        },
        { mayCreate: true },
      ),
    );

  const restore = backup
    .command('restore')
    .argument('<file>', 'a backup archive')
    .description(
      'Restore an archive into this station in one transaction (keys already here with the same material are skipped)',
    )
    .option('--backup-pass-file <file>', 'the backup passphrase, from this file (else a prompt)')
    .option('--share <file>', 'a custodian share file (repeat, M of them)', collect, [])
    .addOption(
      new Option('--on-clash <mode>', 'when a label is taken here by another key')
        .choices(['skip', 'rename', 'fail'])
        .default('fail'),
    )
    .action((file: string, o: { backupPassFile?: string; share: string[]; onClash: OnClash }) =>
      ctx.withUnlockedStation(async (s) => {
        const unlock = await unlockOf(ctx, restore, o);
        const result = await s.backup.restore(readArchiveFile(file), basename(file), unlock, o.onClash);
        ctx.print(result, () =>
          [
            `Restored ${countOf(result.restored.length, 'entry', 'entries')} from ${basename(file)}; skipped ${result.skipped.length}.`,
            ...result.restored.map((r) => `  ${r.label}${r.as !== r.label ? ` as "${r.as}"` : ''}`),
            ...result.skipped.map((r) => `  skipped ${r.label}: ${r.reason}`),
            ...(result.servers.length ? [`Key servers added: ${result.servers.join(', ')}`] : []),
          ].join('\n'),
        );
      }),
    );

  const toServer = backup
    .command('to-server')
    .argument('<name>', 'a registered key server (usually the secondary or a dedicated backup server)')
    .description('Copy keys to a key server over KMIP (Register, then Get back and compare); never overwrites')
    .option('--all', 'every key of this station')
    .option('--label <label>', 'a key to copy (repeat for several)', collect, [])
    .option('--group <group>', 'the keys of a device group')
    .action((name: string, o: SelectionOptions) => {
      const selection = selectionOf(toServer, o);
      return ctx.withUnlockedStation(async (s) => {
        const report = await s.backup.startCopyToServer(name, selection).done;
        ctx.print(report, () =>
          [
            `${report.server}: ${report.copied} copied, ${report.alreadyThere} already there, ${report.problems} problems.`,
            ...report.keys.map((k) => `  ${k.label}: ${k.outcome}. ${k.detail}`),
          ].join('\n'),
        );
        const first = report.keys.find((k) => !['copied', 'already-there'].includes(k.outcome));
        if (!first) return;
        if (report.keys.some((k) => k.outcome === 'refused'))
          fail(
            BackupCode.ServerHoldsOther,
            `${report.server} holds other keys under names being copied; nothing was overwritten (see above).`,
          );
        if (first.outcome === 'unknown')
          fail(
            KmipCode.OutcomeUnknown,
            `The copy to ${report.server} stopped with an unknown outcome at "${first.label}"; run it again to compare.`,
          );
        fail(BackupCode.ServerCopyFailed, `The copy to ${report.server} stopped at "${first.label}": ${first.detail}`);
      });
    });

  backup
    .command('status')
    .description('When each key was last archived or copied to a backup key server; keys that exist nowhere else')
    .action(() =>
      ctx.withUnlockedStation((s) => {
        const status = s.backup.status();
        ctx.print(status, () =>
          [
            `Last backup: ${status.lastBackup ?? 'never'}`,
            status.nowhereElse.length
              ? `${status.nowhereElse.length} keys exist nowhere else (never archived, never copied to a backup key server): ${status.nowhereElse.slice(0, 10).join(', ')}${status.nowhereElse.length > 10 ? ', …' : ''}`
              : 'Every key is in an archive or on a backup key server.',
            ...status.archives
              .slice(0, 5)
              .flatMap((a) => [
                `  archive ${a.path}: ${a.entries} keys, ${a.protectors}${a.verifiedAt ? ', verified' : ''}`,
                ...a.custody.map(
                  (c) =>
                    `    share ${c.index} held by ${c.holder}: ${c.drive ? `USB drive ${c.drive.label}${c.drive.volumeId ? ` (serial ${c.drive.volumeId})` : ''}, ` : ''}${c.place}`,
                ),
              ]),
            ...status.keys.map(
              (k) =>
                `  ${k.label}  archive: ${k.lastArchive ?? 'never'}  backup server: ${k.lastServerCopy ? `${k.lastServerCopy.server} ${k.lastServerCopy.at}` : 'never'}`,
            ),
          ].join('\n'),
        );
      }),
    );
}
