import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBrowserHost } from '../../../src-main/host';
import type { BrowserHost, BrowserHostOptions } from '../../../src-main/host';
import { openStation } from '../../../src-main/services';
import type { OpenStation } from '../../../src-main/services';
import { tempDir } from '../../helpers/temp';

/** A browser host on a temp station, serving a two-file stand-in for the renderer bundle. */
export interface HostFixture {
  dir: ReturnType<typeof tempDir>;
  station: OpenStation;
  host: BrowserHost;
  token: string;
  origin: string;
  log: string[];
  stop(): Promise<void>;
}

export async function startHostFixture(options: Partial<BrowserHostOptions> = {}): Promise<HostFixture> {
  const dir = tempDir();
  const renderer = join(dir.path, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Custos</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir.path, 'secret.html'), 'outside the bundle');
  const station = openStation(join(dir.path, 'home'), { via: 'browser host', keychain: null, kdfLogN: 10 });
  const log: string[] = [];
  const host = await startBrowserHost({ station, rendererDir: renderer, log: (l) => log.push(l), ...options });
  return {
    dir,
    station,
    host,
    token: new URL(host.url).hash.replace('#token=', ''),
    origin: `http://127.0.0.1:${host.port}`,
    log,
    async stop() {
      await host.close();
      station.close();
      dir.cleanup();
    },
  };
}

export function httpGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A well-behaved client with the token, as the renderer's bridge is. */
export function openClient(f: HostFixture): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${f.host.port}/ipc`, ['custos.v1', `token.${f.token}`], {
    origin: f.origin,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function call(
  ws: WebSocket,
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; code?: string; message?: string; value?: unknown }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString());
      if (reply.kind === 'result' && reply.id === id) {
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(reply.result);
      }
    };
    const onClose = (code: number) => reject(new Error(`socket closed (${code}) before the reply to ${channel}`));
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(JSON.stringify({ id, channel, input }));
  });
}

/** The proof a hostile connection left the host standing: the page loads and a fresh client is served. */
export async function assertStillServes(f: HostFixture): Promise<void> {
  const index = await httpGet(f.host.port, '/');
  if (index.status !== 200) throw new Error(`GET / answered ${index.status}`);
  const ws = await openClient(f);
  try {
    const snapshot = await call(ws, 'station.snapshot', {});
    if (!snapshot.ok) throw new Error(`station.snapshot failed: ${snapshot.code}`);
  } finally {
    ws.close();
  }
}
