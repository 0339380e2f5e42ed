import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { HOST_SUBPROTOCOL } from '../contract';
import { createHandlers } from '../ipc/handlers';
import { bindPushes } from '../ipc/pushes';
import { createBinder } from '../ipc/register';
import type { OpenStation } from '../services';
import { guardSocket, refuseRaw, upgradeRefusal } from './admission';
import { sendReply, serveIpcSocket } from './ipc-socket';
import type { VerifiedSocket } from './ipc-socket';
import { serveStatic } from './static';

export interface BrowserHostOptions {
  station: OpenStation;
  /** The built renderer bundle (build/renderer). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** One line per notable event; never secrets. */
  log?: (line: string) => void;
  /** How long a client may take to send its request headers (slowloris); tests shorten it. */
  headersTimeoutMs?: number;
}

export interface BrowserHost {
  readonly port: number;
  /** Open this; the token is in the fragment, so it never reaches a server log or a Referer. */
  readonly url: string;
  close(): Promise<void>;
}

/** One frame; files travel in chunks well under it (contract/files.ts). */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;
/** A page on this machine needs a handful of connections; more are someone else's. */
const MAX_CONNECTIONS = 128;
const LOG_LINES_PER_WINDOW = 20;
const LOG_WINDOW_MS = 10_000;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { station, rendererDir, log = () => {} } = options;
  // Anyone on this machine can open refused connections as fast as they like; the log must not grow as fast.
  const logRefusal = rateLimited(log, LOG_LINES_PER_WINDOW, LOG_WINDOW_MS);
  let port = 0;
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const token = randomBytes(32).toString('hex');
  const binder = createBinder<VerifiedSocket | undefined>({
    handlers: createHandlers(station, 'browser-host'),
    isTrustedSender: (sender) => sender?.verified === true,
    reportInternal: (channel, summary) => log(`internal error in ${channel}: ${summary}`),
  });

  const http = createServer(
    // Node checks the timeouts below on this interval; the default (30 s) would let slow clients linger.
    {
      headersTimeout,
      requestTimeout: headersTimeout * 2,
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    (req, res) => serveStatic(req, res, port, rendererDir),
  );
  http.maxConnections = MAX_CONNECTIONS;
  http.keepAliveTimeout = 5_000;
  http.on('connection', (socket) => guardSocket(socket));
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset peer, or a fault after a response began (a status line now would corrupt it): just cut.
    const responding = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || responding) return socket.destroy();
    refuseRaw(socket, err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400);
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(HOST_SUBPROTOCOL) ? HOST_SUBPROTOCOL : false),
  });
  wss.on('error', (e) => log(`WebSocket server error: ${e.name}`));
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the socket over without its own error listener; a reset must not reach the process.
    guardSocket(socket);
    const refusal = upgradeRefusal(req, port, token);
    if (refusal) {
      logRefusal(`refused a connection: ${refusal}`);
      return refuseRaw(socket, 403);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveIpcSocket(ws, binder, log);
    });
  });

  const unbindPushes = bindPushes(station, (channel, payload) => {
    for (const ws of sockets) sendReply(ws, { kind: 'push', channel, payload });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (e) => log(`HTTP server error: ${e.name}`));
  // Read once: while closing, address() is null, and a late request must not throw on it.
  port = (http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/#token=${token}`;

  return {
    port: port,
    url,
    async close() {
      unbindPushes();
      for (const ws of sockets) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Passes at most `lines` lines per window, then one line saying how many were left out. */
function rateLimited(log: (line: string) => void, lines: number, windowMs: number): (line: string) => void {
  let windowStart = 0;
  let passed = 0;
  let dropped = 0;
  return (line) => {
    const now = Date.now();
    if (now - windowStart > windowMs) {
      if (dropped > 0) log(`(${dropped} similar lines left out of the log)`);
      windowStart = now;
      passed = 0;
      dropped = 0;
    }
    if (passed < lines) {
      passed++;
      log(line);
    } else dropped++;
  };
}
