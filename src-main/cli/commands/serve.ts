import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { fail, CliCode } from '../../contract';
import { startBrowserHost } from '../../host';
import { openStation } from '../../services';
import type { CliContext } from '../context';

/** build/main/cli.cjs -> build/renderer */
const rendererDir = join(__dirname, '..', 'renderer');

export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description(
      'Serve the Custos UI to a browser on this machine (127.0.0.1 only), for stations without the Electron shell',
    )
    .option('--port <n>', 'port to listen on (default: any free port)', parsePort)
    .option('--open', 'open the UI in the default browser')
    .option(
      '--allow-mount <dir>',
      'admit a mounted folder the OS does not call removable as a USB drive (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .action(async (options: { port?: number; open?: boolean; allowMount: string[] }) => {
      if (!existsSync(join(rendererDir, 'index.html'))) {
        fail(CliCode.NotBuilt, 'The Custos UI is not built yet; run "npm run build" first.');
      }
      const station = openStation(ctx.home, { via: 'browser host', backupKdfLogN: ctx.backupKdfLogN });
      station.usb.setAllowedMounts(options.allowMount);
      const host = await startBrowserHost({
        station,
        rendererDir,
        port: options.port ?? 0,
        log: (line) => ctx.io.stderr(`custos: ${line}\n`),
      }).catch((e: unknown) => {
        station.close();
        const code = (e as NodeJS.ErrnoException).code;
        fail(
          CliCode.PortUnavailable,
          `Custos cannot listen on 127.0.0.1:${options.port ?? 0} (${code ?? 'error'}); choose another --port.`,
        );
      });
      ctx.print(
        { url: host.url, home: station.home, port: host.port },
        () => `Custos is serving station ${station.home}\nOpen ${host.url}\nPress Ctrl+C to stop.`,
      );
      if (options.open) openInBrowser(host.url);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      station.close();
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError(`expected a port from 0 to 65535, not "${value}".`);
  return port;
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // No desktop browser: the printed URL is enough.
  child.unref();
}
