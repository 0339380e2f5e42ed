import type { WebSocket } from 'ws';
import { HostRequestSchema } from '../contract';
import type { HostReply } from '../contract';
import type { Binder } from '../ipc/register';

/** A socket that passed Host, Origin and token at upgrade; only such sockets reach handlers. */
export interface VerifiedSocket {
  verified: true;
}

/** How long a socket we closed for a protocol fault may wait for the peer's close frame. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Serves calls on one authenticated socket. ws reports a faulty frame (bad UTF-8, opcode, RSV
 * bit, mask, length) as an 'error' on the socket after sending the matching close code; without
 * a listener that error would end the process, so it is listened to, logged and the socket cut.
 */
export function serveIpcSocket(
  ws: WebSocket,
  binder: Binder<VerifiedSocket | undefined>,
  log: (line: string) => void,
): void {
  const sender: VerifiedSocket = { verified: true };
  ws.on('error', (e: Error & { code?: string }) => {
    log(`closed a socket after a protocol fault: ${e.code ?? e.name}`);
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  });
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
    binder
      .dispatch(channel, input, sender)
      .then((result) => sendReply(ws, { kind: 'result', id, result }))
      .catch((e: unknown) => log(`could not answer a call on ${channel}: ${e instanceof Error ? e.name : typeof e}`));
  });
}

export function sendReply(ws: WebSocket, reply: HostReply): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
}
