import { Command, CommanderError } from 'commander';
import { CUSTOS_VERSION } from '../services';
import { auditCommands } from './commands/audit';
import { backupCommands } from './commands/backup';
import { certCommands } from './commands/cert';
import { eedkCommands } from './commands/eedk';
import { groupCommands } from './commands/group';
import { keystoreCommands } from './commands/keystore';
import { kmipCommands } from './commands/kmip';
import { serveCommand } from './commands/serve';
import { serverCommands } from './commands/server';
import { settingsCommands } from './commands/settings';
import { stationCommands } from './commands/station';
import { tokenCommands } from './commands/token';
import { usbCommands } from './commands/usb';
import { vaultCommands } from './commands/vault';
import { CliContext } from './context';
import type { GlobalOptions } from './context';
import type { CliIo } from './io';

/** Builds the `custos` command tree. Each group lives in commands/ and registers itself here. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('custos');
  const ctx = new CliContext(io, () => program.opts<GlobalOptions>());
  program
    .description('Custos: a workstation for key custodians.')
    // Only -V here: `--version` belongs to `custos kmip` (the KMIP protocol version); run.ts answers a lone --version.
    .version(CUSTOS_VERSION, '-V', 'print the version (also: custos --version)')
    .option('--home <dir>', 'station home (default: $CUSTOS_HOME, else the OS app-data folder)')
    .option('--json', 'print results as JSON on stdout')
    .option(
      '--passphrase-file <file>',
      'read the master passphrase from this file (else $CUSTOS_PASSPHRASE, else a prompt)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions(false);

  serveCommand(program, ctx);
  stationCommands(program, ctx);
  vaultCommands(program, ctx);
  keystoreCommands(program, ctx);
  eedkCommands(program, ctx);
  auditCommands(program, ctx);
  usbCommands(program, ctx);
  serverCommands(program, ctx);
  certCommands(program, ctx);
  kmipCommands(program, ctx);
  groupCommands(program, ctx);
  backupCommands(program, ctx);
  tokenCommands(program, ctx);
  settingsCommands(program, ctx);

  configureTree(program, io);
  return program;
}

/** Usage errors become exit 2 with one `custos: USAGE: ...` line; help goes to stdout. */
function configureTree(command: Command, io: CliIo): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => io.stdout(text),
    writeErr: (text) => io.stderr(text),
    outputError: (text, write) => write(`custos: USAGE: ${text.replace(/^error: /, '').trim()}\n`),
  });
  for (const sub of command.commands) configureTree(sub, io);
}

export { CommanderError };
