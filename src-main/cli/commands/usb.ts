import type { Command } from 'commander';
import { fail, errorCodeOr, UsbCode } from '../../contract';
import type {
  FileFailure,
  UsbCopyOutcome,
  UsbDriveView,
  UsbKeyCopyView,
  UsbKeySetView,
  UsbPrepareResult,
  UsbValidateResult,
} from '../../contract';
import type { OpenStation } from '../../services';
import type { PrepareStarted, UsbService } from '../../services/usb';
import type { CliContext } from '../context';
import { positiveInt } from './keystore';

/** `custos usb ...`: USB flash drive keys, Storwize-style (prepare -> commit | cancel, validate, crypto-erase). */
export function usbCommands(program: Command, ctx: CliContext): Command {
  const usb = program
    .command('usb')
    .description('USB flash drive access keys for storage systems with local key management')
    .option('--allow-mount <dir>', 'admit a mounted folder the OS does not call removable (repeatable)', collect, []);

  const open = (unlocked: boolean, work: (u: UsbService, s: OpenStation) => Promise<void>, mayCreate = false) => {
    const run = async (s: OpenStation) => {
      s.usb.setAllowedMounts(usb.opts<{ allowMount: string[] }>().allowMount);
      await work(s.usb, s);
    };
    return unlocked ? ctx.withUnlockedStation(run) : ctx.withStation(run, { mayCreate });
  };

  usb
    .command('drives')
    .description('List mounted drives with their status (blocked ones are never written) and the Custos keys on them')
    .action(() =>
      open(
        false,
        async (u) => {
          const drives = await u.listDrives();
          // The JSON stays the array of drives; the lister is in `custos station info --json`.
          const lister = await u.driveLister();
          ctx.print(drives, () => `${driveTable(drives)}\n\n${lister.detail}`);
        },
        true,
      ),
    );

  usb
    .command('keysets')
    .description('List the USB key sets of this station')
    .action(() =>
      open(false, async (u) => {
        const sets = u.listKeySets();
        ctx.print(sets, () => (sets.length ? sets.map(keySetLine).join('\n') : 'This station has no USB key sets.'));
      }),
    );

  usb
    .command('create')
    .argument('<keyset>', 'key set name: the storage system it protects')
    .description('Prepare a new access key and write it to the drives (phase one; then commit or cancel)')
    .option('--serial <serial>', "the storage system's serial number")
    .option('--min <n>', 'copies needed before commit (at least 3)', positiveInt, 3)
    .option('--target <n>', 'copies to aim for (default 4)', positiveInt)
    .option('--escrow', 'also keep the key sealed in the station vault (off by default)')
    .option('--drive <mount>', 'a drive to write (repeatable; default every drive that can take a key)', collect, [])
    .action((keyset: string, o: { serial?: string; min: number; target?: number; escrow?: boolean; drive: string[] }) =>
      open(true, async (u) => {
        const started = await u.create({
          name: keyset,
          serial: o.serial,
          minCopies: o.min,
          targetCopies: o.target,
          escrow: o.escrow === true,
          drives: o.drive,
        });
        await finishPrepare(ctx, started, 'Prepared');
      }),
    );

  usb
    .command('commit')
    .argument('<keyset>', 'key set name')
    .description('Make the prepared key current (needs the minimum number of verified copies)')
    .action((keyset: string) =>
      open(true, async (u) => {
        const r = await u.commit(keyset);
        ctx.print(r, () =>
          [
            `Generation ${r.generation} of "${r.keySet.name}" is now current (KCV ${r.keySet.kcv ?? ''}), ${r.committed.length} copies.`,
            ...r.lost.map((c) => `  lost: ${c.driveLabel} no longer holds it`),
            ...r.oldFilesErased.map((e) => `  erased the older key ${e.fileName} on ${e.drive.label}`),
            ...r.stale.map((c) => `  stale: ${c.driveLabel} still holds generation ${c.generation} (not inserted)`),
            ...failureLines(r.failures),
          ].join('\n'),
        );
      }),
    );

  usb
    .command('cancel')
    .argument('<keyset>', 'key set name')
    .description('Abandon the prepared key and erase it from the inserted drives')
    .action((keyset: string) =>
      open(true, async (u) => {
        const r = await u.cancel(keyset);
        ctx.print(r, () =>
          [
            `Cancelled generation ${r.generation} of "${r.keySet.name}"; the key set is ${r.keySet.state}.`,
            ...r.erased.map((e) => `  erased ${e.fileName} on ${e.drive.label}`),
            ...r.leftBehind.map(
              (c) => `  still on ${c.driveLabel} (not inserted): a useless key; erase it when you can`,
            ),
            ...failureLines(r.failures),
          ].join('\n'),
        );
      }),
    );

  usb
    .command('rekey')
    .argument('<keyset>', 'key set name')
    .description('Prepare the next generation (refused unless an inserted drive holds the current key)')
    .option('--drive <mount>', 'a drive to write (repeatable; default every drive that can take a key)', collect, [])
    .action((keyset: string, o: { drive: string[] }) =>
      open(true, async (u) => {
        await finishPrepare(ctx, await u.rekey(keyset, o.drive), 'Prepared');
      }),
    );

  usb
    .command('add-copies')
    .argument('<keyset>', 'key set name')
    .description('Write the prepared key (or, with none pending, the current key) to more drives')
    .option('--drive <mount>', 'a drive to write (repeatable; default every drive that can take a key)', collect, [])
    .action((keyset: string, o: { drive: string[] }) =>
      open(true, async (u) => {
        await finishPrepare(ctx, await u.addCopies(keyset, o.drive), 'Copied');
      }),
    );

  usb
    .command('validate')
    .argument('[keyset]', 'only judge against this key set')
    .description('Which inserted drives hold the current, a prepared, an old, a foreign or a damaged key')
    .action((keyset: string | undefined) =>
      open(false, async (u) => {
        const r = await u.validate(keyset);
        ctx.print(r, () => validationText(r));
      }),
    );

  usb
    .command('copies')
    .argument('<keyset>', 'key set name')
    .description('The custody record of every copy: drive, generation, state, where kept, custodian')
    .action((keyset: string) =>
      open(false, async (u) => {
        const set = u.keySet(keyset);
        const copies = await u.copies(keyset);
        ctx.print({ keySet: set, copies }, () => [keySetLine(set), copyTable(copies)].join('\n'));
      }),
    );

  usb
    .command('custody')
    .argument('<copy-id>', 'the copy (its id from "custos usb copies --json")')
    .description('Record where a copy is kept and who holds it')
    .option('--kept-at <place>', 'where the drive is kept, e.g. "Safe B, shelf 2"')
    .option('--custodian <name>', 'who holds it')
    .action((copyId: string, o: { keptAt?: string; custodian?: string }) =>
      open(false, async (u) => {
        const copy = u.setCustody(copyId, { keptAt: o.keptAt, custodian: o.custodian });
        ctx.print(copy, () => `Copy on ${copy.driveLabel}: kept at "${copy.keptAt}", custodian "${copy.custodian}".`);
      }),
    );

  usb
    .command('lost')
    .argument('<copy-id>', 'the copy (its id from "custos usb copies --json")')
    .description('Record that a copy is lost (the drive is missing or destroyed); it no longer counts')
    .requiredOption('--confirm <copy-id>', 'the same copy id again: a copy recorded as lost no longer counts')
    .action((copyId: string, o: { confirm: string }) =>
      open(false, async (u) => {
        const copy = u.markLost(copyId, o.confirm);
        ctx.print(copy, () => `The copy of generation ${copy.generation} on ${copy.driveLabel} is recorded as lost.`);
      }),
    );

  usb
    .command('erase')
    .argument('<keyset>', 'key set name')
    .requiredOption('--confirm <keyset>', 'the key set name again: crypto-erase cannot be undone')
    .description('Crypto-erase: overwrite and delete every reachable copy, and list the copies it could not reach')
    .action((keyset: string, o: { confirm: string }) =>
      open(true, async (u) => {
        const r = await u.erase(keyset, o.confirm);
        ctx.print(r, () =>
          [
            `"${r.keySet.name}" is crypto-erased: ${r.erased.length} key ${r.erased.length === 1 ? 'file' : 'files'} overwritten and deleted.`,
            ...r.erased.map((e) => `  erased ${e.fileName} on ${e.drive.label}`),
            ...r.stillExisting.map(
              (c) =>
                `  STILL EXISTS: generation ${c.generation} on ${c.driveLabel}${c.keptAt ? ` (kept at ${c.keptAt})` : ''}: insert it and erase again`,
            ),
            ...failureLines(r.failures),
          ].join('\n'),
        );
        if (r.stillExisting.length > 0 || r.failures.length > 0) {
          fail(
            UsbCode.EraseIncomplete,
            `${r.stillExisting.length} recorded copies of "${r.keySet.name}" were not reached and still exist${r.failures.length ? `, and ${r.failures.length} files could not be erased` : ''}; insert those drives and run the erase again.`,
          );
        }
      }),
    );

  return usb;
}

/** Waits for the write job, prints every drive's outcome, and fails the command if any copy failed. */
async function finishPrepare(ctx: CliContext, started: PrepareStarted, verb: string): Promise<void> {
  const r = await started.done;
  ctx.print({ jobId: started.jobId, ...r }, () => prepareText(r, verb));
  const failed = r.outcomes.find((o) => !o.ok);
  if (failed) {
    const more = r.failed > 1 ? ` (${r.failed - 1} more ${r.failed === 2 ? 'drive' : 'drives'} failed too)` : '';
    fail(errorCodeOr(failed.code, UsbCode.CopiesFailed), `${failed.sentence ?? 'A copy failed.'}${more}`);
  }
}

function prepareText(r: UsbPrepareResult, verb: string): string {
  const set = r.keySet;
  const kcv = r.generation === set.pendingGeneration ? set.pendingKcv : set.kcv;
  const lines = [
    `${verb} generation ${r.generation} of "${set.name}" (KCV ${kcv ?? ''}) on ${r.written} of ${r.outcomes.length} drives.`,
    ...r.outcomes.map(outcomeLine),
  ];
  if (set.pendingGeneration !== null) {
    lines.push(
      set.canCommit
        ? `${set.pendingCopies} verified copies (${set.minCopies} needed). Next: custos usb commit "${set.name}" (or cancel).`
        : `${set.pendingCopies} verified copies; ${set.minCopies} are needed before commit. Insert more drives and run custos usb add-copies "${set.name}".`,
    );
  }
  return lines.join('\n');
}

function outcomeLine(o: UsbCopyOutcome): string {
  if (o.ok)
    return `  ${o.drive.label.padEnd(12)} ${o.drive.mountPoint}  ${o.reused ? 'already held it' : 'written and verified'} (${o.fileName ?? ''})`;
  return `  ${o.drive.label.padEnd(12)} ${o.drive.mountPoint}  FAILED ${o.code ?? ''}: ${o.sentence ?? ''}`;
}

function failureLines(failures: FileFailure[]): string[] {
  return failures.map(
    (f) => `  FAILED on ${f.drive.label}${f.fileName ? ` (${f.fileName})` : ''}: ${f.code}: ${f.sentence}`,
  );
}

function keySetLine(s: UsbKeySetView): string {
  const current =
    s.generation > 0
      ? `generation ${s.generation} (KCV ${s.kcv ?? ''}), ${s.currentCopies}/${s.targetCopies} copies`
      : 'no current key';
  const pending =
    s.pendingGeneration !== null
      ? `; prepared generation ${s.pendingGeneration}: ${s.pendingCopies}/${s.minCopies} copies`
      : '';
  return `${s.name}${s.serial ? ` [${s.serial}]` : ''}: ${s.state}, ${current}${pending}${s.escrow ? ', escrow on' : ''}`;
}

function driveTable(drives: UsbDriveView[]): string {
  if (drives.length === 0) return 'No drives are mounted.';
  const rows = drives.map((d) => [
    d.label,
    d.mountPoint,
    d.filesystem,
    bytes(d.sizeBytes),
    bytes(d.freeBytes),
    d.status,
    d.keys
      .filter((k) => k.keySetName)
      .map((k) => `${k.keySetName} g${k.generation}`)
      .join(', '),
  ]);
  const notes = drives.filter((d) => d.blocked).map((d) => `  ${d.label}: ${d.reason}`);
  return [
    table(['LABEL', 'MOUNT', 'FS', 'SIZE', 'FREE', 'STATUS', 'KEYS'], rows),
    ...(notes.length ? ['', 'Blocked:', ...notes] : []),
  ].join('\n');
}

function copyTable(copies: UsbKeyCopyView[]): string {
  if (copies.length === 0) return 'No copies recorded.';
  const rows = copies.map((c) => [
    c.id.slice(0, 8),
    c.driveLabel,
    String(c.generation),
    c.state,
    c.inserted ? 'yes' : 'no',
    c.lastVerifiedAt?.slice(0, 19) ?? '',
    c.keptAt,
    c.custodian,
  ]);
  return table(['COPY', 'DRIVE', 'GEN', 'STATE', 'INSERTED', 'LAST VERIFIED', 'KEPT AT', 'CUSTODIAN'], rows);
}

function validationText(r: UsbValidateResult): string {
  const lines: string[] = [];
  for (const d of r.drives) {
    if (!d.reachable) {
      lines.push(`${d.drive.label} (${d.drive.mountPoint}): does not answer`);
      continue;
    }
    if (d.files.length === 0) continue;
    lines.push(
      `${d.drive.label} (${d.drive.mountPoint}):`,
      ...d.files.map((f) => `  ${f.verdict.padEnd(10)} ${f.fileName}: ${f.sentence}`),
    );
  }
  if (lines.length === 0) lines.push('No inserted drive holds a Custos key.');
  if (r.keySet)
    lines.push(
      `${r.currentOnInserted} inserted ${r.currentOnInserted === 1 ? 'drive holds' : 'drives hold'} the current key of "${r.keySet.name}".`,
    );
  lines.push(
    ...r.notInserted.map(
      (c) => `  not inserted: ${c.keySetName} generation ${c.generation} on ${c.driveLabel} (${c.state})`,
    ),
  );
  lines.push(
    ...r.lost.map((c) => `  LOST: ${c.keySetName} generation ${c.generation} is no longer on ${c.driveLabel}`),
  );
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function bytes(n: number | null): string {
  if (n === null) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
