import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CustosError, JobCode, KeystoreFileCode } from '../../../contract';
import type { ErrorCode } from '../../../contract';
import { wipeKeystoreEntries } from '../formats';
import type { KeystoreContents, KeystoreEntry, KeystoreFormat, SecretKeyAlgorithm } from '../formats';
import type { ReadReply, ReadRequest, WireEntry } from './messages';
import { readerScript } from './worker-script';

/**
 * Wall-time budget: the threads are stopped when no protected item opened for this long (one
 * item's work is capped far below it), and in any case past READ_WALL_CAP_MS.
 */
export const READ_WALL_BUDGET_MS = 60_000;
const READ_WALL_CAP_MS = 15 * 60_000;

/** JCEKS keys each cost 400,000 MD5 rounds: such files are shared across a pool, the rest read by one thread. */
const JCEKS_MAGIC = 0xcececece;
const MAX_POOL = 4;

export interface ReadKeystoreJob {
  format?: KeystoreFormat;
  storePassword?: string;
  keyPasswords?: Record<string, string>;
  /** Aborting terminates the reading threads at once; nothing they read survives. */
  signal?: AbortSignal;
  /** Protected items opened so far and how many the file holds (null: not known up front). */
  progress?: (opened: number, expected: number | null) => void;
  /** Overrides the wall-time budget (tests). */
  wallBudgetMs?: number;
}

/**
 * Reads an untrusted keystore file in worker threads: parsing and key derivation never hold the
 * main thread, the whole file has a work budget (counted in the thread) and a wall-time budget,
 * and cancelling terminates the threads. Secret bytes arrive by transfer and are the caller's to wipe.
 */
export async function readKeystoreInWorker(bytes: Buffer, job: ReadKeystoreJob = {}): Promise<KeystoreContents> {
  if (job.signal?.aborted) throw cancelled();
  const script = await readerScript();
  if (job.signal?.aborted) throw cancelled();
  const isJceks = bytes.length >= 4 && bytes.readUInt32BE(0) === JCEKS_MAGIC && job.format !== 'pkcs12';
  const count = isJceks ? Math.max(1, Math.min(availableParallelism(), MAX_POOL)) : 1;
  const shards = Array.from({ length: count }, (_, index) => ({ index, count }));
  const progress = shards.map(() => ({ opened: 0, expected: null as number | null }));
  const workers: Worker[] = [];
  const results: (KeystoreContents | null)[] = shards.map(() => null);
  const stopAll = () => {
    for (const w of workers) void w.terminate();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      let pending = count;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        job.signal?.removeEventListener('abort', onAbort);
        if (error) {
          stopAll();
          reject(error);
        } else resolve();
      };
      const onAbort = () => finish(cancelled());
      job.signal?.addEventListener('abort', onAbort, { once: true });
      const stall = job.wallBudgetMs ?? READ_WALL_BUDGET_MS;
      const startedAt = Date.now();
      const tooLong = () =>
        finish(
          new CustosError(
            KeystoreFileCode.WorkBudget,
            `Reading the file went ${Math.round(stall / 1000)} s without opening a key (or past ${READ_WALL_CAP_MS / 60_000} minutes in all), far more than any keystore needs, so it was stopped; ask its sender for a copy written with usual iteration counts.`,
          ),
        );
      const timer = setTimeout(tooLong, stall);
      timer.unref();
      /** Each opened item restarts the stall clock, within the overall cap. */
      const onProgress = () => {
        if (Date.now() - startedAt + stall > READ_WALL_CAP_MS) return;
        timer.refresh();
      };
      for (const shard of shards) {
        const worker = new Worker(script);
        workers.push(worker);
        worker.on('message', (reply: ReadReply) => {
          if (reply.kind === 'progress') {
            progress[shard.index] = { opened: reply.opened, expected: reply.expected };
            onProgress();
            report(job, progress);
            return;
          }
          if (reply.kind === 'failed') {
            finish(
              reply.code
                ? new CustosError(reply.code as ErrorCode, reply.message)
                : new Error('The keystore reader stopped on an internal error.'),
            );
            return;
          }
          const contents = fromWire(reply);
          if (settled) {
            wipeKeystoreEntries(contents.entries);
            return;
          }
          results[shard.index] = contents;
          void worker.terminate();
          if (--pending === 0) finish();
        });
        worker.on('error', () => finish(new Error('The keystore reader stopped on an internal error.')));
        worker.on('exit', () => {
          if (results[shard.index] === null) finish(new Error('The keystore reader stopped before it answered.'));
        });
        const request: ReadRequest = {
          bytes: new Uint8Array(bytes),
          ...(job.format ? { format: job.format } : {}),
          ...(job.storePassword !== undefined ? { storePassword: job.storePassword } : {}),
          ...(job.keyPasswords ? { keyPasswords: job.keyPasswords } : {}),
          ...(count > 1 ? { shard } : {}),
        };
        worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
      }
    });
  } catch (e) {
    for (const r of results) if (r) wipeKeystoreEntries(r.entries);
    throw e;
  }
  return merge(results.filter((r): r is KeystoreContents => r !== null));
}

function cancelled(): CustosError {
  return new CustosError(JobCode.Cancelled, 'Reading the file was cancelled; nothing was imported.');
}

function report(job: ReadKeystoreJob, progress: { opened: number; expected: number | null }[]): void {
  const opened = progress.reduce((sum, p) => sum + p.opened, 0);
  const expected = progress.every((p) => p.expected !== null)
    ? progress.reduce((sum, p) => sum + (p.expected ?? 0), 0)
    : null;
  job.progress?.(opened, expected);
}

/** Shards come back with each entry's place in the file; the merged list keeps the file's order. */
function merge(parts: KeystoreContents[]): KeystoreContents {
  const first = parts[0];
  if (!first) throw new Error('The keystore reader returned nothing.');
  if (parts.length === 1 && !first.positions) return first;
  const placed = parts.flatMap((p) => p.entries.map((entry, i) => ({ entry, at: p.positions?.[i] ?? i })));
  placed.sort((a, b) => a.at - b.at);
  return { format: first.format, entries: placed.map((p) => p.entry), warnings: first.warnings ?? [] };
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fromWire(reply: Extract<ReadReply, { kind: 'done' }>): KeystoreContents {
  const entries = reply.entries.map((e: WireEntry): KeystoreEntry => {
    const common = { alias: e.alias, ...(e.createdAt ? { createdAt: e.createdAt } : {}) };
    if (e.kind === 'private-key')
      return {
        kind: 'private-key',
        ...common,
        privateKeyPkcs8: buffer(e.privateKeyPkcs8),
        certificateChain: e.certificateChain.map(buffer),
      };
    if (e.kind === 'secret-key')
      return { kind: 'secret-key', ...common, algorithm: e.algorithm as SecretKeyAlgorithm, key: buffer(e.key) };
    return { kind: 'trusted-certificate', ...common, certificate: buffer(e.certificate) };
  });
  return {
    format: reply.format,
    entries,
    warnings: reply.warnings,
    ...(reply.positions ? { positions: reply.positions } : {}),
  };
}
