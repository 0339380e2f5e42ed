// The keystore-reading thread: parses and decrypts one untrusted file off the main thread, so a
// hostile file costs this thread, never the window or the browser host. Bundled on its own by
// scripts/build.mjs into build/main/keystore-reader.cjs.
import { parentPort } from 'node:worker_threads';
import { isCustosError } from '../../../contract';
import { readKeystore, WorkBudget, wipeKeystoreEntries } from '../formats';
import type { KeystoreEntry } from '../formats';
import type { ReadReply, ReadRequest, WireEntry } from './messages';

const port = parentPort;
if (port === null) throw new Error('keystore-reader runs as a worker thread');

port.once('message', (request: ReadRequest) => {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  let lastPost = 0;
  const budget = new WorkBudget(undefined, undefined, (opened, expected) => {
    const now = Date.now();
    // Enough for a progress bar; a 1,000-key file would otherwise post a thousand messages.
    if (now - lastPost < 50 && opened !== expected) return;
    lastPost = now;
    post({ kind: 'progress', opened, expected });
  });
  try {
    const contents = readKeystore(bytes, {
      format: request.format,
      storePassword: request.storePassword,
      keyPasswords: request.keyPasswords,
      shard: request.shard,
      budget,
    });
    const transfer: ArrayBuffer[] = [];
    const entries = contents.entries.map((entry) => toWire(entry, transfer));
    wipeKeystoreEntries(contents.entries);
    post(
      {
        kind: 'done',
        format: contents.format,
        entries,
        warnings: [...(contents.warnings ?? [])],
        positions: contents.positions ? [...contents.positions] : null,
      },
      transfer,
    );
  } catch (e) {
    post(
      isCustosError(e)
        ? { kind: 'failed', code: e.code, message: e.message }
        : { kind: 'failed', code: null, message: '' },
    );
  } finally {
    bytes.fill(0);
  }
});

function post(reply: ReadReply, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(reply, transfer);
}

/** Secrets move (transfer) rather than copy: the thread keeps no second copy of a key. */
function secret(bytes: Buffer, transfer: ArrayBuffer[]): Uint8Array {
  const own = new Uint8Array(bytes.length);
  own.set(bytes);
  transfer.push(own.buffer);
  return own;
}

function toWire(entry: KeystoreEntry, transfer: ArrayBuffer[]): WireEntry {
  const common = { alias: entry.alias, ...(entry.createdAt ? { createdAt: entry.createdAt } : {}) };
  if (entry.kind === 'private-key')
    return {
      kind: 'private-key',
      ...common,
      privateKeyPkcs8: secret(entry.privateKeyPkcs8, transfer),
      certificateChain: entry.certificateChain.map((c) => new Uint8Array(c)),
    };
  if (entry.kind === 'secret-key')
    return { kind: 'secret-key', ...common, algorithm: entry.algorithm, key: secret(entry.key, transfer) };
  return { kind: 'trusted-certificate', ...common, certificate: new Uint8Array(entry.certificate) };
}
