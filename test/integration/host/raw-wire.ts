import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

/**
 * The browser host spoken to byte by byte, as a hostile local process would: raw HTTP and
 * hand-built WebSocket frames, so a test can send what no well-behaved client library sends.
 */
export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves when the received bytes satisfy `test`, or rejects after `ms`. */
  until(test: (bytes: Buffer) => boolean, ms?: number): Promise<Buffer>;
  /** Resolves when the peer closed or reset the connection. */
  closed: Promise<void>;
}

export function openRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let bytes = Buffer.alloc(0);
    const waiters = new Set<() => void>();
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      for (const w of waiters) w();
    });
    socket.on('close', () => {
      for (const w of waiters) w();
    });
    socket.on('error', () => {}); // A reset from the host is an outcome the test looks at, not a failure.
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => bytes,
        closed,
        until(test, ms = 10_000) {
          return new Promise((res, rej) => {
            const check = () => {
              if (test(bytes)) {
                done();
                res(bytes);
              } else if (socket.destroyed) {
                done();
                rej(
                  new Error(
                    `connection closed before the expected bytes; got ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`,
                  ),
                );
              }
            };
            const timer = setTimeout(() => {
              done();
              rej(new Error(`timed out; got ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`));
            }, ms);
            const done = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          });
        },
      }),
    );
    socket.once('error', reject);
  });
}

export function upgradeRequest(opts: {
  port: number;
  token: string | null;
  path?: string;
  origin?: string;
  host?: string;
}): string {
  const protocols = ['custos.v1', ...(opts.token === null ? [] : [`token.${opts.token}`])].join(', ');
  return [
    `GET ${opts.path ?? '/ipc'} HTTP/1.1`,
    `Host: ${opts.host ?? `127.0.0.1:${opts.port}`}`,
    `Origin: ${opts.origin ?? `http://127.0.0.1:${opts.port}`}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Protocol: ${protocols}`,
    '',
    '',
  ].join('\r\n');
}

const headersEnd = (b: Buffer) => b.includes('\r\n\r\n');

/** A raw connection past the WebSocket handshake with the token: what an authenticated page holds. */
export async function openAuthenticated(port: number, token: string): Promise<RawConnection> {
  const conn = await openRaw(port);
  conn.socket.write(upgradeRequest({ port, token }));
  const head = await conn.until(headersEnd);
  if (!head.toString('latin1').startsWith('HTTP/1.1 101'))
    throw new Error(`handshake refused: ${head.toString('latin1').split('\r\n')[0]}`);
  return conn;
}

/** The bytes after the handshake's response headers: the host's frames. */
export function framesOf(received: Buffer): Buffer {
  const at = received.indexOf('\r\n\r\n');
  return at < 0 ? Buffer.alloc(0) : received.subarray(at + 4);
}

export interface FrameSpec {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload: Buffer;
  masked?: boolean;
  /** Claim this length in the header instead of the payload's. */
  declaredLength?: number;
}

export function frame(spec: FrameSpec): Buffer {
  const { fin = true, rsv = 0, opcode, payload, masked = true } = spec;
  const length = spec.declaredLength ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 0x10000) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ (key[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}

export const textFrame = (text: string) => frame({ opcode: 1, payload: Buffer.from(text) });

/** The status code of the first close frame the host sent, or null when none came. */
export function closeCodeOf(frames: Buffer): number | null {
  let at = 0;
  while (at + 2 <= frames.length) {
    const opcode = (frames[at] ?? 0) & 0x0f;
    let length = (frames[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = frames.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(frames.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 8) return length >= 2 ? frames.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return null;
}
