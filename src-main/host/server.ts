import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { HOST_SUBPROTOCOL, HostRequestSchema } from '../contract';
import type { HostReply } from '../contract';
import { createHandlers } from '../ipc/handlers';
import { bindPushes } from '../ipc/pushes';
import { createBinder } from '../ipc/register';
import type { OpenStation } from '../services';
import { isAllowedHost, isAllowedOrigin, offeredToken, tokensMatch } from './guard';
import { readRendererFile, rendererHeaders } from './renderer-files';

export interface BrowserHostOptions {
  station: OpenStation;
  /** The built renderer bundle (build/renderer). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** One line per notable event; never secrets. */
  log?: (line: string) => void;
}

export interface BrowserHost {
  readonly port: number;
  /** Open this; the token is in the fragment, so it never reaches a server log or a Referer. */
  readonly url: string;
  close(): Promise<void>;
}

/** A socket that passed Host, Origin and token at upgrade; only such sockets reach handlers. */
interface VerifiedSocket {
  verified: true;
}

const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { station, rendererDir, log = () => {} } = options;
  const token = randomBytes(32).toString('hex');
  const binder = createBinder<VerifiedSocket | undefined>({
    handlers: createHandlers(station, 'browser-host'),
    isTrustedSender: (sender) => sender?.verified === true,
    reportInternal: (channel, summary) => log(`internal error in ${channel}: ${summary}`),
  });

  const http = createServer((req, res) => serveStatic(req, res, port(), rendererDir));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (offered) => (offered.has(HOST_SUBPROTOCOL) ? HOST_SUBPROTOCOL : false),
  });
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const p = port();
    const refusal = !isAllowedHost(req.headers.host, p)
      ? 'wrong Host'
      : !isAllowedOrigin(req.headers.origin, p, true)
        ? 'wrong Origin'
        : !tokensMatch(offeredToken(req.headers['sec-websocket-protocol']), token)
          ? 'missing or wrong token'
          : null;
    if (refusal || req.url !== '/ipc') {
      log(`refused a connection: ${refusal ?? 'wrong path'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const sender: VerifiedSocket = { verified: true };
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return ws.close(1007, 'not JSON');
      }
      const request = HostRequestSchema.safeParse(frame);
      if (!request.success) return ws.close(1008, 'not a Custos request');
      const { id, channel, input } = request.data;
      void binder.dispatch(channel, input, sender).then((result) => send(ws, { kind: 'result', id, result }));
    });
  }

  const unbindPushes = bindPushes(station, (channel, payload) => {
    for (const ws of sockets) send(ws, { kind: 'push', channel, payload });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  function port(): number {
    return (http.address() as AddressInfo).port;
  }
  const url = `http://127.0.0.1:${port()}/#token=${token}`;

  return {
    port: port(),
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

function send(ws: WebSocket, reply: HostReply): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
}

function serveStatic(req: IncomingMessage, res: ServerResponse, port: number, rendererDir: string): void {
  if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port, false)) {
    res.writeHead(403, { 'Content-Length': '0' }).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' }).end();
    return;
  }
  const pathname = new URL(req.url ?? '/', 'http://host').pathname;
  const file = readRendererFile(rendererDir, pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const connectSrc = `ws://127.0.0.1:${port} ws://localhost:${port}`;
  res.writeHead(200, {
    ...rendererHeaders(connectSrc),
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
