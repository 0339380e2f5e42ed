import { buildApi, HOST_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../src-main/contract';
import type { CallName, CustosApi, HostReply, PushName, Result } from '../../src-main/contract';

export type HostConnection = 'connecting' | 'open' | 'lost' | 'refused';

const TOKEN_KEY = 'custos.hostToken';
/** After a drop, the first retry comes quickly (a blip), later ones every few seconds. */
const RETRY_FIRST_MS = 500;
const RETRY_MS = 3000;

const disconnected = {
  ok: false,
  code: 'HOST_DISCONNECTED',
  message: 'The connection to the Custos host was lost; restart "custos serve" and open the address it prints.',
} as const;
const refused = {
  ok: false,
  code: 'HOST_REFUSED',
  message:
    'The Custos host refused this page: open the exact address that "custos serve" printed (it carries this launch\'s token).',
} as const;

/**
 * In the browser host there is no preload: this builds the same `window.custos` from the same
 * table, over the host's WebSocket. The launch token arrives in the URL fragment, is moved to
 * sessionStorage (so a reload still works) and removed from the address bar.
 */
export function installHostBridge(onConnection: (state: HostConnection) => void): CustosApi {
  const token = takeToken();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;

  let opened = false;
  let live = false;
  let ws: WebSocket;
  /**
   * One connection. A drop after it was open is "lost": the page says the host stopped and
   * tries again every few seconds, so a host that comes back on the same launch (same token)
   * is picked up again; a restarted host has a new token and needs the printed address.
   */
  const connect = () => {
    const socket = new WebSocket(`ws://${location.host}/ipc`, [
      HOST_SUBPROTOCOL,
      `${TOKEN_SUBPROTOCOL_PREFIX}${token}`,
    ]);
    ws = socket;
    let thisOpened = false;
    socket.addEventListener('open', () => {
      opened = thisOpened = live = true;
      onConnection('open');
      for (const frame of queue.splice(0)) socket.send(frame);
    });
    socket.addEventListener('close', () => {
      live = false;
      // Never opened at all: the host refused this page (no or stale token), which a restart alone does not fix.
      onConnection(opened ? 'lost' : 'refused');
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve(opened ? disconnected : refused);
      }
      if (opened) setTimeout(connect, thisOpened ? RETRY_FIRST_MS : RETRY_MS);
    });
    socket.addEventListener('message', (event: MessageEvent<string>) => {
      const reply = JSON.parse(event.data) as HostReply;
      if (reply.kind === 'result') {
        pending.get(reply.id)?.(reply.result as Result<unknown>);
        pending.delete(reply.id);
      } else {
        listeners.get(reply.channel)?.forEach((listener) => listener(reply.payload));
      }
    });
  };
  onConnection('connecting');
  connect();

  const invoke = (channel: CallName, input: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      // Once lost, a call fails at once (the page shows why) rather than waiting for a host that may never return.
      if ((opened && !live) || ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) {
        resolve(opened ? disconnected : refused);
        return;
      }
      const id = nextId++;
      pending.set(id, resolve);
      const frame = JSON.stringify({ id, channel, input });
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      else queue.push(frame);
    });
  const listen = (channel: PushName, listener: (payload: unknown) => void) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  };
  return buildApi(invoke, listen);
}

function takeToken(): string {
  const match = /(?:^#|&)token=([0-9a-f]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${location.pathname}#/dashboard`);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
