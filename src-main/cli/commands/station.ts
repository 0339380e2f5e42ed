import type { Command } from 'commander';
import { fail, errorCodeOr, StationCode } from '../../contract';
import type { CliContext } from '../context';

export function stationCommands(program: Command, ctx: CliContext): void {
  const station = program
    .command('station')
    .description('The station home: where this workstation keeps its vault, database and logs');

  station
    .command('info')
    .description('Show the station home, version and vault state')
    .action(() =>
      ctx.withStation(async (s) => {
        const drives = await s.usb.driveLister();
        const info = { home: s.home, version: s.version, vault: s.vaultState(), driveLister: drives.lister };
        ctx.print(
          info,
          () =>
            `Station home  ${info.home}\nVersion       ${info.version}\nVault         ${info.vault}\nDrives        ${drives.lister}: ${drives.detail}`,
        );
      }),
    );

  station
    .command('check')
    .description(
      'Self-test the station: durable storage, free space, crypto known answers, key generation and passphrase hardening cost',
    )
    .action(() =>
      ctx.withStation(async (s) => {
        const job = await s.startSelfTest().done;
        const checks = s.lastSelfTest();
        // Keys that exist nowhere else: listing them needs the vault open (remembered, or a passphrase given).
        if (s.vault.state() === 'locked' && !s.vault.unlockFromKeychain() && ctx.globalsPassphraseGiven())
          await s.vault.unlock(await ctx.passphrase('Master passphrase: '));
        const status = s.backup.status();
        const backup = {
          lastBackup: status.lastBackup,
          nowhereElse: s.vault.state() === 'unlocked' ? status.nowhereElse : null,
        };
        ctx.print({ checks, backup }, () =>
          [
            ...checks.map((c) => `${c.passed ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`),
            backupLine(backup.lastBackup, backup.nowhereElse),
          ].join('\n'),
        );
        if (job.state !== 'succeeded' || checks.some((c) => !c.passed)) {
          fail(
            errorCodeOr(job.errorCode, StationCode.SelfTestFailed),
            job.outcome ?? 'The station self-test did not finish.',
          );
        }
      }),
    );
}

/** The Dashboard's backup warning, in one line. */
function backupLine(lastBackup: string | null, nowhereElse: string[] | null): string {
  const last = `last backup ${lastBackup ?? 'never'}`;
  if (nowhereElse === null) return `info  Backup: ${last}; unlock the vault to list keys that exist nowhere else.`;
  if (nowhereElse.length === 0) return `ok    Backup: every key is in an archive or on a backup key server; ${last}.`;
  const names = nowhereElse.slice(0, 5).join(', ') + (nowhereElse.length > 5 ? ', …' : '');
  return `WARN  Backup: ${nowhereElse.length} keys exist nowhere else (${names}); ${last}. Run custos backup create.`;
}
