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
      ctx.withStation((s) => {
        const info = { home: s.home, version: s.version, vault: s.vaultState() };
        ctx.print(info, () => `Station home  ${info.home}\nVersion       ${info.version}\nVault         ${info.vault}`);
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
        ctx.print({ checks }, () =>
          checks.map((c) => `${c.passed ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`).join('\n'),
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
