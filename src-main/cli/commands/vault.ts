import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { fail, CliCode } from '../../contract';
import type { CliContext } from '../context';
import { readPassphrase } from '../passphrase';

export function vaultCommands(program: Command, ctx: CliContext): void {
  const vault = program
    .command('vault')
    .description("The encrypted vault that seals this station's keys under a master passphrase");

  vault
    .command('init')
    .description('Create the vault (first run): choose the master passphrase')
    .action(() =>
      ctx.withStation(
        async (station) => {
          const passphrase = await ctx.passphrase('New master passphrase: ');
          if (!ctx.globalsPassphraseGiven() && ctx.io.stdin.isTTY) {
            const again = await ctx.passphrase('Repeat it: ');
            if (again !== passphrase)
              fail(CliCode.PassphraseMismatch, 'The two passphrases differ; nothing was created.');
          }
          await station.vault.create(passphrase);
          const status = station.vaultStatus();
          ctx.print(
            status,
            () =>
              `Vault created in ${station.home}. Keep the master passphrase safe: without it the keys in this vault cannot be used.`,
          );
        },
        { mayCreate: true },
      ),
    );

  vault
    .command('status')
    .description('Show whether the vault exists, its auto-lock setting and whether it is remembered on this computer')
    .action(() =>
      ctx.withStation((station) => {
        const s = station.vaultStatus();
        ctx.print(
          s,
          () =>
            `Vault         ${s.state}\nAuto-lock     ${s.autoLockMinutes ? `${s.autoLockMinutes} min` : 'off'}\nRemembered    ${s.remembered ? 'yes' : 'no'}`,
        );
      }),
    );

  vault
    .command('change-passphrase')
    .description(
      'Change the master passphrase (the new one from --new-passphrase-file, CUSTOS_NEW_PASSPHRASE or a prompt)',
    )
    .option('--new-passphrase-file <file>', 'read the new passphrase from this file')
    .action((options: { newPassphraseFile?: string }) =>
      ctx.withStation(async (station) => {
        const current = await ctx.passphrase('Current master passphrase: ');
        const next = await readPassphrase(
          { ...ctx.io, env: { CUSTOS_PASSPHRASE: ctx.io.env.CUSTOS_NEW_PASSPHRASE } },
          { passphraseFile: options.newPassphraseFile },
          'New master passphrase: ',
        );
        await station.vault.changePassphrase(current, next);
        ctx.print(station.vaultStatus(), () => 'The master passphrase was changed. The keys themselves are unchanged.');
      }),
    );

  vault
    .command('auto-lock')
    .argument('<minutes>', 'idle minutes before the vault locks itself, 0 to 1440 (0: never)', wholeMinutes)
    .description('Set the idle auto-lock (audited)')
    .action((minutes: number) =>
      ctx.withStation((station) => {
        const s = station.vault.setAutoLock(minutes);
        ctx.print(s, () => `Auto-lock     ${s.autoLockMinutes ? `${s.autoLockMinutes} min` : 'off'}`);
      }),
    );

  vault
    .command('remember')
    .description("Keep the vault key in this computer's OS keychain, so the vault opens without the passphrase")
    .action(() =>
      ctx.withUnlockedStation((station) => {
        station.vault.remember();
        ctx.print(station.vaultStatus(), () => 'The vault is remembered on this computer.');
      }),
    );

  vault
    .command('forget')
    .description("Remove the vault key from this computer's OS keychain")
    .action(() =>
      ctx.withStation((station) => {
        const s = station.vault.forget();
        ctx.print(s, () => 'The vault is no longer remembered on this computer.');
      }),
    );
}

/** Whole minutes within the auto-lock's bounds; anything else is a usage error (exit 2). */
function wholeMinutes(value: string): number {
  const n = /^\d{1,4}$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 1440)) throw new InvalidArgumentError(`whole minutes from 0 (never) to 1440, not "${value}".`);
  return n;
}
