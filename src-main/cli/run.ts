import { isCustosError } from '../contract';
import { CUSTOS_VERSION } from '../services';
import { ExitCode } from './io';
import type { CliIo } from './io';
import { buildProgram, CommanderError } from './program';
import { secretOnCommandLine } from './secret-flags';

/** Runs one command line; returns the exit code (0 ok, 1 operation failed, 2 usage error). */
export async function runCli(argv: string[], given: CliIo): Promise<number> {
  // Counts what reached stderr, so a usage error is never answered with silence.
  let stderrWrites = 0;
  const io: CliIo = {
    ...given,
    stderr: (text) => {
      stderrWrites++;
      given.stderr(text);
    },
  };
  const program = buildProgram(io);
  if (argv.length === 1 && argv[0] === '--version') {
    io.stdout(`${CUSTOS_VERSION}\n`);
    return ExitCode.Ok;
  }
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return ExitCode.Usage;
  }
  // Before commander: its "unknown option" would not say where the secret belongs.
  const secret = secretOnCommandLine(argv);
  if (secret) {
    io.stderr(`custos: USAGE: ${secret}\n`);
    return ExitCode.Usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; a bad option, or a group named without a command, is a usage error.
      if (e.exitCode === 0) return ExitCode.Ok;
      // An argument refused inside an action has not been printed by commander: say it here.
      if (stderrWrites === 0) io.stderr(`custos: USAGE: ${e.message.replace(/^error: /, '').trim()}\n`);
      return ExitCode.Usage;
    }
    if (isCustosError(e)) {
      io.stderr(`custos: ${e.code}: ${e.message}\n`);
      return ExitCode.Failed;
    }
    io.stderr('custos: INTERNAL: Custos hit an unexpected internal error; nothing more was done.\n');
    if (io.env.CUSTOS_DEBUG) io.stderr(`${e instanceof Error ? e.name : typeof e}\n`);
    return ExitCode.Failed;
  }
}
