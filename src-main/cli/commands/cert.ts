import type { Command } from 'commander';
import { fail, KeystoreCode } from '../../contract';
import { toPem } from '../../services/certs';
import { createIdentityRequest, createSelfSignedIdentity, importSignedIdentity } from '../../services/servers';
import type { CliContext } from '../context';
import { readInputFile } from '../input-files';
import { entryDetails } from './keystore';

export function certCommands(program: Command, ctx: CliContext): void {
  const cert = program
    .command('cert')
    .description("The station's client certificate for key servers, and certificate expiry");
  const collect = (value: string, previous: string[]) => [...previous, value];

  cert
    .command('self-signed')
    .argument('<label>', 'keystore label for the identity')
    .requiredOption('--cn <cn>', 'common name, e.g. the station host name')
    .option('--san <name>', 'a DNS name or IP address of this station (repeatable)', collect, [])
    .description('Generate a key pair with a self-signed client certificate (clientAuth)')
    .action((label: string, o: { cn: string; san: string[] }) =>
      ctx.withUnlockedStation(async (s) => {
        const entry = await createSelfSignedIdentity(s.keystore, { label, commonName: o.cn, subjectAltNames: o.san });
        ctx.print(entry, () => `Created client identity "${entry.label}".\n${entryDetails(entry)}`);
      }),
    );

  cert
    .command('csr')
    .argument('<label>', 'keystore label for the identity')
    .requiredOption('--cn <cn>', 'common name')
    .option('--san <name>', 'a DNS name or IP address of this station (repeatable)', collect, [])
    .requiredOption('--out <file>', 'where to write the CSR (PEM)')
    .description('Generate a key pair and a certificate signing request for your CA')
    .action((label: string, o: { cn: string; san: string[]; out: string }) =>
      ctx.withUnlockedStation(async (s) => {
        const { entry, csrPem } = await createIdentityRequest(s.keystore, {
          label,
          commonName: o.cn,
          subjectAltNames: o.san,
        });
        ctx.writeOutput(o.out, csrPem, false);
        ctx.print(
          { label: entry.label, out: o.out },
          () =>
            `Wrote the CSR for "${entry.label}" to ${o.out}. When your CA returns the certificate: custos cert import-signed "${entry.label}" FILE`,
        );
      }),
    );

  cert
    .command('import-signed')
    .argument('<label>', 'the identity the CSR was made for')
    .argument('<file>', 'the signed certificate (PEM or DER)')
    .description('Attach the CA-signed certificate to its identity (checked against the key)')
    .action((label: string, file: string) =>
      ctx.withUnlockedStation((s) => {
        const entry = importSignedIdentity(s.keystore, label, readInputFile(file, 1024 * 1024, 'certificate file'));
        ctx.print(entry, () => `"${entry.label}" now has its signed certificate.\n${entryDetails(entry)}`);
      }),
    );

  cert
    .command('export')
    .argument('<label>')
    .requiredOption('--out <file>', 'where to write the certificate')
    .option('--der', 'DER instead of PEM')
    .description(
      "Export a certificate (e.g. the station's, to import on the key server as a client device certificate)",
    )
    .action((label: string, o: { out: string; der?: boolean }) =>
      ctx.withUnlockedStation((s) => {
        const entry = s.keystore.show(label);
        if (!entry.certificate)
          fail(
            KeystoreCode.EntryHasNoCertificate,
            `"${entry.label}" has no certificate${entry.type === 'client-identity' ? ' yet: import the CA-signed one first' : ''}.`,
          );
        const der = s.keystore.certificateOf(label);
        ctx.writeOutput(o.out, o.der ? der : toPem(der), false);
        ctx.print({ out: o.out, sha256: entry.certificate.sha256 }, () =>
          [
            `Wrote ${o.out} (SHA-256 ${entry.certificate?.sha256}).`,
            'On the key server: import it as a trusted client device certificate (SKLM: Client Device Certificates, then trust it).',
            'The server may hold it pending until an administrator accepts it; then run: custos server test NAME',
          ].join('\n'),
        );
      }),
    );

  cert
    .command('calendar')
    .requiredOption('--out <file>', 'an .ics file')
    .description('Every certificate expiry as calendar events with reminders at 90, 30 and 7 days')
    .action((o: { out: string }) =>
      ctx.withUnlockedStation((s) => {
        const ics = s.servers.calendar();
        ctx.writeOutput(o.out, ics, false);
        const events = (ics.match(/BEGIN:VEVENT/g) ?? []).length;
        ctx.print({ out: o.out, events }, () => `Wrote ${events} expiry events to ${o.out}.`);
      }),
    );
}
