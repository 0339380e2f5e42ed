import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src-main/cli/io';
import { runCli } from '../../src-main/cli/run';

/** Runs the CLI in-process with captured output. */
export async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
