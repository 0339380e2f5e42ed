import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { fail, ServerCode, errorCodeOr } from '../../contract';
import type { KeyServerView, TestStep } from '../../contract';
import { parseHostPort, retrieveServerChain } from '../../services/servers';
import type { CliContext } from '../context';

export function serverCommands(program: Command, ctx: CliContext): void {
  const server = program
    .command('server')
    .description('Key servers (primary and secondary): registry, certificate exchange, tests and health');

  server
    .command('add')
    .argument('<name>', 'a name for the key server')
    .requiredOption('--address <host>', 'IPv4, IPv6 or host name')
    .option('--kmip-port <port>', 'KMIP port', port, 5696)
    .addOption(new Option('--role <role>', 'primary or secondary').choices(['primary', 'secondary']).default('primary'))
    .option('--identity <label>', "the station's client identity (a keystore label)")
    .option('--trust <label>', 'a trusted certificate already in the keystore')
    .option(
      '--no-verify-hostname',
      'accept a server certificate that does not name this address (shown in every result)',
    )
    .description('Add a key server')
    .action(
      (
        name: string,
        o: {
          address: string;
          kmipPort: number;
          role: 'primary' | 'secondary';
          identity?: string;
          trust?: string;
          verifyHostname: boolean;
        },
      ) =>
        ctx.withUnlockedStation((s) => {
          const added = s.servers.registry.add({
            name,
            address: o.address,
            kmipPort: o.kmipPort,
            role: o.role,
            identityLabel: o.identity,
            trustLabel: o.trust,
            verifyHostname: o.verifyHostname,
          });
          ctx.print(
            added,
            () =>
              `Added ${added.role} key server "${added.name}" at ${added.address}:${added.kmipPort}.\n${warningsText(s.servers.warnings())}`,
          );
        }),
    );

  server
    .command('list')
    .description('List the key servers and the standing warnings')
    .action(() =>
      ctx.withUnlockedStation((s) => {
        const list = s.servers.registry.list();
        const warnings = s.servers.warnings();
        ctx.print(
          { servers: list, warnings },
          () => `${list.map(serverLine).join('\n') || 'No key servers configured.'}\n${warningsText(warnings)}`,
        );
      }),
    );

  server
    .command('show')
    .argument('<name>')
    .description('Show one key server')
    .action((name: string) =>
      ctx.withUnlockedStation((s) => {
        const v = s.servers.registry.show(name);
        ctx.print(
          v,
          () =>
            `${serverLine(v)}\n  IPP ports      ${v.ippTcpPort} (TCP), ${v.ippTlsPort} (TLS)\n  Trusts         ${v.trustLabel ?? '(none yet)'}\n  Identity       ${v.identityLabel ?? '(none yet)'}\n  Host name      ${v.verifyHostname ? 'verified' : 'NOT verified'}\n  KMIP version   ${v.kmipVersion ?? 'not negotiated yet'}`,
        );
      }),
    );

  server
    .command('remove')
    .argument('<name>')
    .description('Remove a key server from this station (nothing changes on the server)')
    .action((name: string) =>
      ctx.withUnlockedStation((s) => {
        // Naming the server on the command line is the confirmation.
        s.servers.registry.remove(name, name);
        ctx.print({ removed: name }, () => `Removed "${name}".`);
      }),
    );

  server
    .command('fetch-cert')
    .argument('<host:port>', 'e.g. kms1.example.com:5696 (KMIP) or :1441 (IPP over TLS)')
    .description("Retrieve a server's certificate chain to compare its fingerprint out of band (nothing is trusted)")
    .action(async (target: string) => {
      const { host, port: p } = parseHostPort(target);
      const chain = await retrieveServerChain(host, p);
      const out = {
        chain: chain.chain.map(({ subject, issuer, sha256, sha1, notBefore, notAfter, san }) => ({
          subject,
          issuer,
          sha256,
          sha1,
          notBefore,
          notAfter,
          san,
        })),
        handshake: chain.handshake,
        warnings: chain.warnings,
      };
      ctx.print(out, () =>
        [
          ...chain.chain.map(
            (c, i) =>
              `${i === 0 ? 'Server' : `CA ${i}`}: ${c.subject}\n  issued by  ${c.issuer}\n  valid      ${c.notBefore} to ${c.notAfter}\n  key        ${c.keyType}-${c.keyBits}\n  SAN        ${c.san.join(', ') || '(none)'}\n  SHA-256    ${c.sha256}\n  SHA-1      ${c.sha1}`,
          ),
          `TLS: ${chain.protocol ? `${chain.protocol}, ${chain.cipher}` : chain.handshake}`,
          ...chain.warnings.map((w) => `warning: ${w}`),
          'Compare the SHA-256 fingerprint with the key server administrator before trusting it (custos server trust NAME --fingerprint ...).',
        ].join('\n'),
      );
    });

  server
    .command('trust')
    .argument('<name>')
    .requiredOption(
      '--fingerprint <sha256>',
      'the SHA-256 fingerprint compared out of band (the server certificate or its CA)',
    )
    .option('--alias <alias>', 'keystore label for the trusted certificate')
    .description("Trust a key server's certificate (or its CA) after comparing its fingerprint")
    .action((name: string, o: { fingerprint: string; alias?: string }) =>
      ctx.withUnlockedStation(async (s) => {
        const v = s.servers.registry.show(name);
        const chain = await retrieveServerChain(v.address, v.kmipPort);
        const want = o.fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
        const index = chain.chain.findIndex((c) => c.sha256.replace(/:/g, '') === want);
        const der = chain.der[index];
        if (index < 0 || !der) {
          fail(
            ServerCode.FingerprintMismatch,
            `No certificate in the chain of ${v.address}:${v.kmipPort} has that SHA-256 fingerprint; nothing was trusted. Compare it again with the key server administrator.`,
          );
        }
        const updated = s.servers.registry.trust(name, der, o.fingerprint, o.alias);
        ctx.print(
          updated,
          () => `"${updated.name}" now trusts "${updated.trustLabel}" (${chain.chain[index]?.subject}).`,
        );
      }),
    );

  server
    .command('test')
    .argument('<name>')
    .description('Test step by step: TCP, TLS, certificates both ways, KMIP DiscoverVersions and Query')
    .action((name: string) =>
      ctx.withUnlockedStation(async (s) => {
        const result = await s.servers.test(name);
        ctx.print(result, () => stepsText(result.steps));
        if (!result.ok)
          fail(
            errorCodeOr(result.failure?.code, ServerCode.TestFailed),
            result.failure?.sentence ?? 'The test failed.',
          );
      }),
    );

  server
    .command('health')
    .option('--check', 'test key retrieval on every server first, as the schedule does')
    .description(
      "Each server's state, last success and failure, certificate expiry, and events; exit 1 when no server can serve keys",
    )
    .action((o: { check?: boolean }) =>
      ctx.withUnlockedStation(async (s) => {
        const report = o.check === true ? await s.servers.checkAll() : s.servers.healthReport();
        ctx.print(report, () =>
          [
            ...report.servers.map(
              (h) =>
                `${h.name} (${h.role})  ${h.state}  last ok ${h.lastSuccess ?? 'never'}  last failure ${h.lastFailure ?? 'never'}${h.lastFailureReason ? ` (${h.lastFailureReason})` : ''}${h.latencyMs !== null ? `  ${h.latencyMs} ms` : ''}`,
            ),
            warningsText(report.events),
          ].join('\n'),
        );
        const lost = report.events.find((e) => e.code === ServerCode.NoneCanServe);
        if (lost) fail(ServerCode.NoneCanServe, lost.sentence);
      }),
    );
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidArgumentError(`expected a port from 1 to 65535, not "${value}".`);
  return n;
}

function serverLine(v: KeyServerView): string {
  return `${v.name.padEnd(16)} ${v.role.padEnd(10)} ${v.address}:${v.kmipPort}`;
}

export function warningsText(warnings: { severity: string; sentence: string }[]): string {
  return warnings.map((w) => `${w.severity}: ${w.sentence}`).join('\n');
}

export function stepsText(steps: TestStep[]): string {
  return steps
    .map(
      (s) =>
        `${s.ok ? 'ok  ' : s.code ? 'FAIL' : '--  '}  ${s.step}: ${s.detail}${s.advice ? `\n        ${s.advice}` : ''}`,
    )
    .join('\n');
}
