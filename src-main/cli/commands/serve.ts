import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { fail, CliCode } from '../../contract';
import { startBrowserHost } from '../../host';
import { openStation, setKeychainLog } from '../../services';
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
      // Listening from the start: a stop that arrives while the station opens still closes it cleanly.
      const signals = stopSignals();
      // The host's log is stderr: why there is no keychain goes there, the page says it plainly.
      setKeychainLog((line) => ctx.io.stderr(`custos: ${line}\n`));
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
      if (options.open)
        openInBrowser(host.url, (why) =>
          ctx.io.stderr(`custos: note: the browser could not be opened (${why}); open ${host.url} yourself.\n`),
        );
      await signals.stopped;
      ctx.io.stderr('custos: stopping: closing connections, ending jobs, releasing the station\n');
      // A second stop, or a close that hangs, must still release the lock: the station closes either way.
      await Promise.race([host.close(), signals.forced, new Promise((r) => setTimeout(r, CLOSE_BOUND_MS).unref())]);
      station.close();
      signals.dispose();
    });
}

/** How long the host may take to close its sockets before the station is closed regardless. */
const CLOSE_BOUND_MS = 5_000;

/**
 * Ctrl+C reaches both `npm start` and this process, and `npm start` passes it on too: a repeat
 * within this grace is the same stop, not an impatient second one.
 */
const REPEAT_GRACE_MS = 1_000;

/**
 * SIGINT and SIGTERM, listened to for the whole life of the host (a gap between two listeners
 * would let a repeated signal kill the process before it released the lock): `stopped` on the
 * first, `forced` on one at least REPEAT_GRACE_MS later.
 */
function stopSignals(): { stopped: Promise<void>; forced: Promise<void>; dispose(): void } {
  let first: number | null = null;
  let onStopped = () => {};
  let onForced = () => {};
  const stopped = new Promise<void>((r) => (onStopped = r));
  const forced = new Promise<void>((r) => (onForced = r));
  const onSignal = () => {
    if (first === null) {
      first = Date.now();
      onStopped();
    } else if (Date.now() - first >= REPEAT_GRACE_MS) onForced();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped,
    forced,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError(`expected a port from 0 to 65535, not "${value}".`);
  return port;
}

/** Starts the desktop's browser; `failed` hears why when there is none (no xdg-open, no display). */
export function openInBrowser(url: string, failed: (why: string) => void): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  // The host keeps serving either way: the exit code does not change, the custodian is told.
  child.on('error', (e: NodeJS.ErrnoException) =>
    failed(e.code === 'ENOENT' ? `${cmd} is not installed` : `${cmd}: ${e.code ?? 'error'}`),
  );
  child.on('exit', (code) => {
    if (code) failed(`${cmd} exited with ${code}`);
  });
  child.unref();
}
