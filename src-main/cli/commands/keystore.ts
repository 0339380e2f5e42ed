import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { countOf, fail, KeystoreCode, MAX_ENTRY_OFFSET, MAX_ENTRY_PAGE } from '../../contract';
import type { EntryView, ImportPreview } from '../../contract';
import { exportEntries, MAX_KEYSTORE_BYTES } from '../../services/keystore';
import { detectKeystoreFormat } from '../../services/keystore/formats';
import type { Keystore, KeystoreFormat } from '../../services/keystore';
import type { CliContext } from '../context';
import { readInputFile } from '../input-files';
import { readAsJob } from '../read-as-job';
import { readPassphrase } from '../passphrase';
import { createKekOnToken } from '../token-pin';
import type { TokenOption } from '../token-pin';

export function keystoreCommands(program: Command, ctx: CliContext): Command {
  const keystore = program
    .command('keystore')
    .description('KEKs, public KEKs, secret keys and trusted certificates in the station vault');

  keystore
    .command('list')
    .description('List the entries in label order (labels, types, states, fingerprints; never key material)')
    .option('--limit <n>', 'list at most this many entries (default: all)', positiveInt)
    .option('--offset <n>', 'skip this many entries first (default: 0)', wholeNumber, 0)
    .action((o: { limit?: number; offset: number }) =>
      ctx.withUnlockedStation((s) => {
        const entries = listedEntries(s.keystore, o.offset, o.limit);
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
    .option('--token <name>', 'make the key pair on this PKCS#11 token (it never leaves it)')
    .option('--pin-file <file>', "the token's user PIN, with --token (else $CUSTOS_TOKEN_PIN, else a prompt)")
    .action((label: string, o: { bits: 2048 | 3072 | 4096; subject?: string; days: number } & TokenOption) =>
      ctx.withUnlockedStation(async (s) => {
        const entry = o.token
          ? await createKekOnToken(ctx, s, { label, ...o, token: o.token })
          : await s.keystore.createKek({ label, bits: o.bits, subject: o.subject, days: o.days });
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
    .option('--confirm <label>', 'the same label again: needed to mark an entry compromised, which cannot be undone')
    .description('Deactivate, reactivate, or mark an entry compromised (compromised is final: needs --confirm LABEL)')
    .action((label: string, state: string, o: { confirm?: string }) => {
      if (state !== 'active' && state !== 'deactivated' && state !== 'compromised')
        throw new InvalidArgumentError(`state must be active, deactivated or compromised, not "${state}".`);
      return ctx.withUnlockedStation((s) => {
        const entry = s.keystore.setState(label, state, o.confirm);
        ctx.print(entry, () => `"${entry.label}" is now ${entry.state}.`);
      });
    });

  keystore
    .command('destroy')
    .argument('<label>', 'key label')
    .requiredOption('--confirm <label>', 'the same label again: destroying key material cannot be undone')
    .option('--cartridges-rewritten', 'state that every cartridge still using this key was rewritten under another')
    .description("Erase an entry's key material for good; its metadata and audit trail stay")
    .action((label: string, o: { confirm: string; cartridgesRewritten?: boolean }) =>
      ctx.withUnlockedStation((s) => {
        const entry = s.keystore.destroy(label, o.confirm, { cartridgesRewritten: o.cartridgesRewritten === true });
        ctx.print(entry, () => `Destroyed the key material of "${entry.label}". Its metadata and audit trail remain.`);
      }),
    );

  keystore
    .command('import')
    .argument('<file>', 'a PKCS#12, JKS, JCEKS, PEM or DER file')
    .description('Import keys and certificates from a keystore file, after showing what is inside')
    .addOption(
      new Option('--format <format>', 'the file format (default: detected)').choices(['pkcs12', 'jks', 'jceks', 'pem']),
    )
    .option('--store-pass-file <file>', "the file's store password (else $CUSTOS_STORE_PASS, else a prompt)")
    .addOption(
      new Option('--on-clash <mode>', 'when a label is already used here')
        .choices(['skip', 'rename', 'fail'])
        .default('fail'),
    )
    .action(
      (path: string, o: { format?: KeystoreFormat; storePassFile?: string; onClash: 'skip' | 'rename' | 'fail' }) =>
        ctx.withUnlockedStation(async (s) => {
          const bytes = readInputFile(path, MAX_KEYSTORE_BYTES, 'keystore file');
          const storePassword = needsPassword(bytes, o.format)
            ? await storePass(ctx, o.storePassFile, 'Store password of the file: ')
            : undefined;
          const preview = await readAsJob(ctx, s, { fileName: basename(path), bytes, format: o.format, storePassword });
          for (const warning of preview.warnings) ctx.io.stderr(`custos: warning: ${warning}\n`);
          if (!ctx.json) ctx.io.stderr(previewTable(preview));
          const result = s.imports.commit(preview.previewId, o.onClash, []);
          ctx.print(result, () =>
            [
              `Imported ${result.imported.length} of ${countOf(preview.entries.length, 'entry', 'entries')}.`,
              ...result.imported.map((e) => `  + ${e.label} (${e.type})`),
              ...result.skipped.map((k) => `  - ${k.alias}: ${k.reason}`),
            ].join('\n'),
          );
        }),
    );

  keystore
    .command('export')
    .argument('<labels...>', 'one or more key labels')
    .description(
      'Export entries: PKCS#12 or JCEKS with their keys, or PEM certificates (public halves, e.g. for the partner site)',
    )
    .addOption(new Option('--format <format>', 'file format').choices(['pkcs12', 'jceks', 'pem']).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the file')
    .option('--store-pass-file <file>', 'store password for PKCS#12/JCEKS (else $CUSTOS_STORE_PASS, else a prompt)')
    .option('--legacy', 'PKCS#12 with 3DES/SHA-1 for old appliances (weaker; a warning is shown)')
    .option('--force', 'overwrite --out if it exists')
    .action(
      (
        labels: string[],
        o: {
          format: 'pkcs12' | 'jceks' | 'pem';
          out: string;
          storePassFile?: string;
          legacy?: boolean;
          force?: boolean;
        },
      ) =>
        ctx.withUnlockedStation(async (s) => {
          if (!o.force) ctx.refuseExisting(o.out);
          const storePassword =
            o.format === 'pem'
              ? undefined
              : await storePass(ctx, o.storePassFile, 'Store password for the exported file: ');
          const file = exportEntries(s.keystore, s.audit, {
            labels,
            format: o.format,
            storePassword,
            legacy: o.legacy,
          });
          try {
            ctx.writeOutput(o.out, file.bytes, o.format !== 'pem');
          } finally {
            file.bytes.fill(0);
          }
          if (file.warning) ctx.io.stderr(`custos: warning: ${file.warning}\n`);
          ctx.print(
            { out: o.out, format: o.format, entries: file.entries, warning: file.warning },
            () =>
              `Wrote ${countOf(file.entries, 'entry', 'entries')} to ${o.out} (${o.format}${o.legacy ? ', legacy' : ''}).`,
          );
        }),
    );

  return keystore;
}

/** Keystores always need their store password; PEM and DER only when they hold an encrypted key. */
function needsPassword(bytes: Buffer, format?: KeystoreFormat): boolean {
  const detected = format ?? safeDetect(bytes);
  if (detected === 'pkcs12' || detected === 'jks' || detected === 'jceks') return true;
  return bytes.includes('ENCRYPTED') || detected === 'der-private-key';
}

function safeDetect(bytes: Buffer): KeystoreFormat | undefined {
  try {
    return detectKeystoreFormat(bytes);
  } catch {
    return undefined; // the import itself reports the unknown format with its code
  }
}

async function storePass(ctx: CliContext, file: string | undefined, prompt: string): Promise<string> {
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (ctx.io.env.CUSTOS_STORE_PASS !== undefined) return ctx.io.env.CUSTOS_STORE_PASS;
  if (!ctx.io.stdin.isTTY)
    fail(
      KeystoreCode.StorePasswordRequired,
      'This file needs its store password: give --store-pass-file FILE or set CUSTOS_STORE_PASS.',
    );
  return readPassphrase({ ...ctx.io, env: {} }, {}, prompt);
}

function previewTable(p: ImportPreview): string {
  const lines = p.entries.map(
    (e) =>
      `  ${e.alias.padEnd(28)} ${String(e.type ?? 'not importable').padEnd(20)} ${e.algorithm}-${e.keyBits}${e.clash ? `  label taken (rename: "${e.suggestedLabel}")` : ''}${e.problem ? `  ${e.problem}` : ''}${e.alreadyHere ? `  already here as "${e.alreadyHere}"` : ''}`,
  );
  return `${p.fileName} (${p.format}), ${p.entries.length} ${p.entries.length === 1 ? 'entry' : 'entries'}:\n${lines.join('\n')}\n`;
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
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function entryDetails(e: EntryView): string {
  const lines: [string, string][] = [
    ['Label', e.label],
    ['Type', e.type],
    ['State', e.state],
    [
      'Key',
      `${e.algorithm}-${e.keyBits}${e.hasSecret ? '' : e.state === 'destroyed' ? ' (destroyed)' : ' (public only)'}`,
    ],
    ['Usage', e.usage],
    ['Origin', e.origin],
    ['Store', e.store],
    ['Created', e.createdAt],
  ];
  if (e.kcv) lines.push(['KCV', e.kcv]);
  if (e.certificate) {
    const c = e.certificate;
    lines.push(
      ['Subject', c.subject],
      ['Issuer', c.issuer],
      ['Valid from', c.notBefore],
      ['Valid until', c.notAfter],
      ['SHA-256', c.sha256],
      ['SHA-1', c.sha1],
      ['Key hash (H)', c.spkiSha256],
    );
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

/** `--offset`: 0 or more. */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number, 0 or more, not "${value}".`);
  return n;
}

/** The entries from `offset` on, `limit` of them or all the rest, fetched a page at a time as the screen does. */
function listedEntries(keystore: Keystore, offset: number, limit = Number.POSITIVE_INFINITY): EntryView[] {
  const entries: EntryView[] = [];
  for (;;) {
    const want = Math.min(MAX_ENTRY_PAGE, limit - entries.length);
    if (want <= 0) return entries;
    const at = offset + entries.length;
    if (at > MAX_ENTRY_OFFSET) return entries; // past any keystore this station could hold
    const page = keystore.page({ offset: at, limit: want });
    entries.push(...page.entries);
    if (page.entries.length < want) return entries;
  }
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive whole number, not "${value}".`);
  return n;
}
