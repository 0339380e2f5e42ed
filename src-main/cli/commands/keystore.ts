import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import type { EntryView } from '../../ipc/contract';
import type { CliContext } from '../context';

export function keystoreCommands(program: Command, ctx: CliContext): Command {
  const keystore = program.command('keystore').description('KEKs, public KEKs, secret keys and trusted certificates in the station vault');

  keystore
    .command('list')
    .description('List every entry (labels, types, states, fingerprints; never key material)')
    .action(() =>
      ctx.withUnlockedStation((s) => {
        const entries = s.keystore.list();
        ctx.print(entries, () => entryTable(entries));
      }),
    );

  keystore
    .command('show')
    .argument('<label>', 'key label (not case-sensitive)')
    .description('Show one entry in full')
    .action((label: string) =>
      ctx.withUnlockedStation((s) => {
        const entry = s.keystore.show(label);
        ctx.print(entry, () => entryDetails(entry));
      }),
    );

  keystore
    .command('create-kek')
    .argument('<label>', 'key label, at most 64 characters')
    .description('Generate an RSA key pair with a self-signed certificate, to wrap data keys')
    .option('--bits <n>', 'RSA modulus size: 2048, 3072 or 4096', oneOf([2048, 3072, 4096]), 3072)
    .option('--subject <dn>', 'certificate subject, e.g. "CN=Finance KEK 1, O=Bank, C=CH" (default: CN=<label>)')
    .option('--days <n>', 'certificate validity in days', positiveInt, 3650)
    .action((label: string, o: { bits: 2048 | 3072 | 4096; subject?: string; days: number }) =>
      ctx.withUnlockedStation(async (s) => {
        const entry = await s.keystore.createKek({ label, bits: o.bits, subject: o.subject, days: o.days });
        ctx.print(entry, () => `Created KEK "${entry.label}" (RSA-${entry.keyBits}).\n${entryDetails(entry)}`);
      }),
    );

  keystore
    .command('create-key')
    .argument('<label>', 'key label, at most 64 characters')
    .description('Generate an AES secret key')
    .option('--bits <n>', 'key size: 128, 192 or 256', oneOf([128, 192, 256]), 256)
    .action((label: string, o: { bits: 128 | 192 | 256 }) =>
      ctx.withUnlockedStation(async (s) => {
        const entry = await s.keystore.createSecretKey({ label, bits: o.bits });
        ctx.print(entry, () => `Created secret key "${entry.label}" (AES-${entry.keyBits}, KCV ${entry.kcv}).`);
      }),
    );

  keystore
    .command('set-state')
    .argument('<label>', 'key label')
    .argument('<state>', 'active, deactivated or compromised')
    .description('Deactivate, reactivate, or mark an entry compromised (compromised is final)')
    .action((label: string, state: string) => {
      if (state !== 'active' && state !== 'deactivated' && state !== 'compromised') throw new InvalidArgumentError(`state must be active, deactivated or compromised, not "${state}".`);
      return ctx.withUnlockedStation((s) => {
        const entry = s.keystore.setState(label, state);
        ctx.print(entry, () => `"${entry.label}" is now ${entry.state}.`);
      });
    });

  keystore
    .command('destroy')
    .argument('<label>', 'key label')
    .requiredOption('--confirm <label>', 'the same label again: destroying key material cannot be undone')
    .description('Erase an entry\'s key material for good; its metadata and audit trail stay')
    .action((label: string, o: { confirm: string }) =>
      ctx.withUnlockedStation((s) => {
        const entry = s.keystore.destroy(label, o.confirm);
        ctx.print(entry, () => `Destroyed the key material of "${entry.label}". Its metadata and audit trail remain.`);
      }),
    );

  return keystore;
}

export function entryTable(entries: EntryView[]): string {
  if (entries.length === 0) return 'The keystore is empty.';
  const rows = entries.map((e) => [
    e.label,
    e.type,
    e.state,
    `${e.algorithm}-${e.keyBits}`,
    e.certificate ? e.certificate.notAfter.slice(0, 10) : '',
    e.certificate ? e.certificate.sha256.slice(0, 23) : e.kcv ? `KCV ${e.kcv}` : '',
  ]);
  const header = ['LABEL', 'TYPE', 'STATE', 'KEY', 'EXPIRES', 'FINGERPRINT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function entryDetails(e: EntryView): string {
  const lines: [string, string][] = [
    ['Label', e.label],
    ['Type', e.type],
    ['State', e.state],
    ['Key', `${e.algorithm}-${e.keyBits}${e.hasSecret ? '' : e.state === 'destroyed' ? ' (destroyed)' : ' (public only)'}`],
    ['Usage', e.usage],
    ['Origin', e.origin],
    ['Created', e.createdAt],
  ];
  if (e.kcv) lines.push(['KCV', e.kcv]);
  if (e.certificate) {
    const c = e.certificate;
    lines.push(['Subject', c.subject], ['Issuer', c.issuer], ['Valid from', c.notBefore], ['Valid until', c.notAfter], ['SHA-256', c.sha256], ['SHA-1', c.sha1], ['Key hash (H)', c.spkiSha256]);
  }
  if (e.notes) lines.push(['Notes', e.notes]);
  return lines.map(([k, v]) => `${k.padEnd(13)} ${v}`).join('\n');
}

function oneOf<T extends number>(allowed: T[]) {
  return (value: string): T => {
    const n = Number(value) as T;
    if (!allowed.includes(n)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, not "${value}".`);
    return n;
  };
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, not "${value}".`);
  return n;
}
