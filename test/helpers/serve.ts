import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ServedCustos {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built `custos serve` on a free port for a station home, as a custodian would. */
export async function serveCustos(home: string, extraArgs: string[] = []): Promise<ServedCustos> {
  if (!existsSync('build/renderer/index.html') || !existsSync('build/main/cli.cjs')) {
    throw new Error('End-to-end tests need the build: run "npm run build" first (npm test does).');
  }
  const child = spawn(process.execPath, ['bin/custos.cjs', '--home', home, 'serve', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`custos serve did not start: ${out}`)), 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`custos serve exited ${code}: ${out}`)));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
