import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost } from '../../../src-main/host';
import type { BrowserHost } from '../../../src-main/host';
import { openStation } from '../../../src-main/services';
import type { OpenStation } from '../../../src-main/services';
import { tempDir } from '../../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let station: OpenStation;
let host: BrowserHost;
let token: string;
let origin: string;

beforeAll(async () => {
  dir = tempDir();
  const renderer = join(dir.path, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Custos</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir.path, 'secret.html'), 'outside the bundle');
  station = openStation(join(dir.path, 'home'));
  host = await startBrowserHost({ station, rendererDir: renderer });
  token = new URL(host.url).hash.replace('#token=', '');
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  station.close();
  dir.cleanup();
});

/** Opens the IPC socket with exactly the headers given; resolves to the socket or the HTTP status of the refusal. */
function connect(opts: {
  token?: string | null;
  origin?: string | null;
  host?: string;
  path?: string;
}): Promise<WebSocket | number> {
  const protocols = ['custos.v1', ...(opts.token === null ? [] : [`token.${opts.token ?? token}`])];
  const headers: Record<string, string> = {};
  if (opts.host) headers.Host = opts.host;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${opts.path ?? '/ipc'}`, protocols, {
    headers,
    ...(opts.origin === null ? {} : { origin: opts.origin ?? origin }),
  });
  return new Promise((resolve) => {
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

function call(
  ws: WebSocket,
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; code?: string; value?: unknown }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString());
      if (reply.kind === 'result' && reply.id === id) {
        ws.off('message', onMessage);
        resolve(reply.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input }));
  });
}

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  it('binds 127.0.0.1 and prints the token only in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it.each([
    ['no token', { token: null }],
    ['a wrong token', { token: 'f'.repeat(64) }],
    ['a token of another length', { token: 'abc' }],
    ['another Origin', { origin: 'http://evil.example' }],
    ['a look-alike Origin', { origin: `http://127.0.0.1:${1}` }],
    ['no Origin', { origin: null }],
    ['another Host (DNS rebinding)', { host: 'evil.example' }],
    ['another path', { path: '/other' }],
  ])('refuses a socket with %s: 403, and no handler runs', async (_name, opts) => {
    const before = station.jobs.list().length;
    const result = await connect(opts);
    expect(result).toBe(403);
    expect(station.jobs.list().length).toBe(before);
  });

  it('serves the contract to a socket with the token, Host and Origin', async () => {
    const ws = await connect({});
    expect(ws).toBeInstanceOf(WebSocket);
    if (!(ws instanceof WebSocket)) return;
    expect(ws.protocol).toBe('custos.v1');
    const snapshot = await call(ws, 'station.snapshot', {});
    expect(snapshot).toMatchObject({
      ok: true,
      value: { transport: 'browser-host', vault: 'none', home: join(dir.path, 'home') },
    });
    expect(await call(ws, 'jobs.cancel', { id: 'nonsense' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call(ws, 'station.eval', {})).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    ws.close();
  });

  it('closes a socket that sends something other than a Custos request', async () => {
    const ws = await connect({});
    if (!(ws instanceof WebSocket)) throw new Error('no socket');
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send('{"not":"a request"}');
    expect(await closed).toBe(1008);
  });

  it('pushes job progress to connected sockets', async () => {
    const ws = await connect({});
    if (!(ws instanceof WebSocket)) throw new Error('no socket');
    const pushes: { channel: string; payload: { state: string } }[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.kind === 'push') pushes.push(m);
    });
    const { done } = station.jobs.start({ kind: 'test', title: 'Probe', cancellable: true, run: async () => 'done' });
    await done;
    await new Promise((r) => setTimeout(r, 50));
    expect(pushes.map((p) => p.channel)).toContain('jobs.changed');
    expect(pushes.at(-1)?.payload.state).toBe('succeeded');
    ws.close();
  });

  it('serves the bundle with a strict CSP and refuses other Hosts and Origins', async () => {
    const index = await get('/', { Host: `127.0.0.1:${host.port}` });
    expect(index.status).toBe(200);
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain(`connect-src ws://127.0.0.1:${host.port}`);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/', { Host: 'evil.example' })).status).toBe(403);
    expect((await get('/assets/app.js', { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('never serves a file outside the bundle', async () => {
    for (const path of [
      '/../secret.html',
      '/%2e%2e/secret.html',
      '/assets/..%2f..%2fsecret.html',
      '/%00index.html',
      '/nope.html',
      '/package.json',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('outside the bundle');
    }
  });
});
