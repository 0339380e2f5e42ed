import { resolve } from 'node:path';
import type { Command } from 'commander';
import { fail, AuditCode } from '../../contract';
import type { AuditFilter } from '../../contract';
import { auditCsv } from '../../services/audit';
import type { CliContext } from '../context';
import { positiveInt } from './keystore';

export function auditCommands(program: Command, ctx: CliContext): void {
  const audit = program
    .command('audit')
    .description('The append-only, hash-chained record of every vault and keystore operation');
  const filters = (c: Command) =>
    c
      .option('--action <prefix>', 'only actions starting with this, e.g. keystore or vault.unlock')
      .option('--object <text>', 'only rows whose object contains this (a key label)')
      .option('--outcome <outcome>', 'ok, failed or refused')
      .option('--since <iso-time>', 'from this time on')
      .option('--limit <n>', 'at most this many rows (newest first)', positiveInt);

  filters(audit.command('list').description('List audit rows, newest first')).action((o: AuditFilter) =>
    ctx.withStation((s) => {
      const rows = s.audit.list(o);
      ctx.print(
        rows,
        () =>
          rows
            .map(
              (r) =>
                `${String(r.seq).padStart(6)}  ${r.at}  ${r.actor}  ${r.action}  ${r.object}  ${r.outcome}${r.detail ? `  (${r.detail})` : ''}`,
            )
            .join('\n') || 'No audit rows.',
      );
    }),
  );

  audit
    .command('verify')
    .description('Check the hash chain and its sealed head; name the first edited, deleted, reordered or cut row')
    .action(() =>
      ctx.withUnlockedStation((s) => {
        const verdict = s.audit.verify();
        if (!verdict.intact) fail(AuditCode.ChainBroken, verdict.sentence);
        ctx.print(verdict, () => verdict.sentence);
      }),
    );

  filters(
    audit
      .command('export')
      .description('Export audit rows as CSV')
      .option('--out <file>', 'write to this file instead of standard output'),
  ).action((o: AuditFilter & { out?: string }) =>
    ctx.withStation((s) => {
      const rows = s.audit.list(o);
      const csv = auditCsv(rows);
      if (!o.out) return ctx.io.stdout(csv);
      ctx.writeOutput(o.out, csv, false);
      // Says where the file went: a relative --out is resolved against the folder the command ran in.
      const out = resolve(o.out);
      ctx.print({ out, rows: rows.length }, () => `Wrote ${rows.length} audit rows to ${out}.`);
    }),
  );
}
