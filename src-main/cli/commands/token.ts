import type { Command } from 'commander';
import type { StationTokenView, TokenContentsView, TokenModuleView } from '../../contract';
import type { CliContext } from '../context';
import { loginToken } from '../token-pin';
import { entryTable } from './keystore';

/** `custos token ...`: PKCS#11 tokens as a second keystore (KEKs that never leave the token). */
export function tokenCommands(program: Command, ctx: CliContext): Command {
  const token = program.command('token').description('PKCS#11 tokens (HSMs, smart cards) that hold KEKs');

  token
    .command('list')
    .description(
      'List the slots and tokens of a PKCS#11 module (default: every installed one) and the tokens added here',
    )
    .option('--module <path>', 'PKCS#11 module (library) file')
    .action((o: { module?: string }) =>
      ctx.withStation(
        (s) => {
          const modules = s.tokens.slots(o.module);
          const added = s.tokens.list();
          ctx.print({ modules, tokens: added }, () => `${moduleLines(modules)}\n\n${stationTokenLines(added)}`);
        },
        { mayCreate: true },
      ),
    );

  token
    .command('add')
    .argument('<name>', 'the name this station gives the token')
    .description('Add a token to this station; it is found again by its label, whatever slot it is in')
    .requiredOption('--module <path>', 'PKCS#11 module (library) file')
    .requiredOption('--token <label>', 'the token label')
    .action((name: string, o: { module: string; token: string }) =>
      ctx.withStation(
        (s) => {
          const added = s.tokens.add({ name, modulePath: o.module, tokenLabel: o.token });
          ctx.print(added, () => `Added the token "${added.name}".\n${stationTokenLines([added])}`);
        },
        { mayCreate: true },
      ),
    );

  token
    .command('show')
    .argument('<name>', 'token name on this station')
    .description('Log in and show what the token holds (keys, certificates, access flags)')
    .option('--pin-file <file>', 'read the user PIN from this file (else $CUSTOS_TOKEN_PIN, else a prompt)')
    .action((name: string, o: { pinFile?: string }) =>
      ctx.withStation(
        async (s) => {
          await loginToken(ctx.io, s, name, o.pinFile);
          const contents = s.tokens.show(name);
          ctx.print(contents, () => contentsLines(contents));
        },
        { mayCreate: true },
      ),
    );

  token
    .command('adopt')
    .argument('<name>', 'token name on this station')
    .description('Make KEK entries of the RSA key pairs already on the token; the keys stay there')
    .option('--pin-file <file>', 'read the user PIN from this file (else $CUSTOS_TOKEN_PIN, else a prompt)')
    .action((name: string, o: { pinFile?: string }) =>
      ctx.withUnlockedStation(async (s) => {
        await loginToken(ctx.io, s, name, o.pinFile);
        const adopted = s.tokens.adopt(name);
        ctx.print(adopted, () =>
          adopted.length === 0
            ? `The token "${name}" holds no key pair this station does not already know.`
            : `Adopted ${adopted.length} key pair(s) from "${name}":\n${entryTable(adopted)}`,
        );
      }),
    );

  return token;
}

function moduleLines(modules: TokenModuleView[]): string {
  if (modules.length === 0) return 'No PKCS#11 module is installed where Custos looks; give --module PATH.';
  return modules
    .map((m) =>
      [
        `${m.path}  (${m.manufacturer}, ${m.description})`,
        ...(m.slots.length === 0 ? ['  no slots'] : []),
        ...m.slots.map((slot) =>
          slot.token
            ? `  slot ${slot.slotId}  "${slot.token.label}"  ${slot.token.manufacturer} ${slot.token.model}  serial ${slot.token.serial}  [${slot.token.flags.join(', ')}]`
            : `  slot ${slot.slotId}  (no token)  ${slot.description}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

function stationTokenLines(tokens: StationTokenView[]): string {
  if (tokens.length === 0)
    return 'No token is added to this station (custos token add NAME --module PATH --token LABEL).';
  return [
    'Tokens on this station:',
    ...tokens.map(
      (t) =>
        `  ${t.name}  label "${t.tokenLabel}"  serial ${t.serial || '-'}  ${t.present ? 'present' : 'absent'}${t.loggedIn ? ', logged in' : ''}  ${t.entries} entr${t.entries === 1 ? 'y' : 'ies'}  module ${t.modulePath}`,
    ),
  ].join('\n');
}

function contentsLines(c: TokenContentsView): string {
  const lines = [stationTokenLines([c.token]), '', `${c.objects.length} object(s):`];
  for (const o of c.objects) {
    lines.push(
      `  ${o.kind.padEnd(11)}  ${o.label || '(no label)'}  id ${o.id || '-'}${o.keyType ? `  ${o.keyType}${o.bits ? `-${o.bits}` : ''}` : ''}${o.access.length ? `  [${o.access.join(', ')}]` : ''}${o.entryLabel ? `  -> entry "${o.entryLabel}"` : ''}`,
    );
  }
  return lines.join('\n');
}
