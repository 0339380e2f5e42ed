// Issue 10, item 2: files reach main in chunks that fit the browser host's transport. A file
// well over one frame (8 MiB) imports; what is too large is FILE_TOO_LARGE, announced or not.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { FILE_CHUNK_BYTES } from '../../../src-main/contract';
import { assertStillServes, call, openClient, startHostFixture } from './fixture';
import type { HostFixture } from './fixture';

let f: HostFixture;
let ws: WebSocket;
let certificate: Buffer;

beforeAll(async () => {
  f = await startHostFixture();
  ws = await openClient(f);
  expect(await call(ws, 'vault.create', { passphrase: 'correct horse battery staple' })).toMatchObject({ ok: true });
  const pem = join(f.dir.path, 'partner.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      '/dev/null',
      '-subj',
      '/CN=Partner KEK',
      '-days',
      '30',
      '-out',
      pem,
    ],
    { stdio: 'pipe' },
  );
  certificate = readFileSync(pem);
});

afterAll(async () => {
  ws.close();
  await f.stop();
});

/** Sends `bytes` as the renderer does: begin, chunks in order, finish. */
async function send(bytes: Buffer, purpose: string, name = 'file'): Promise<string> {
  const begun = await call(ws, 'files.begin', { name, size: bytes.length, purpose });
  expect(begun, JSON.stringify(begun)).toMatchObject({ ok: true });
  const { uploadId, chunkBytes } = begun.value as { uploadId: string; chunkBytes: number };
  for (let index = 0, at = 0; at < bytes.length; index++, at += chunkBytes) {
    const sent = await call(ws, 'files.chunk', {
      uploadId,
      index,
      base64: bytes.subarray(at, at + chunkBytes).toString('base64'),
    });
    expect(sent).toMatchObject({ ok: true });
  }
  expect(await call(ws, 'files.finish', { uploadId })).toMatchObject({ ok: true, value: { size: bytes.length } });
  return uploadId;
}

describe('files over the browser host', () => {
  it('imports a keystore file larger than one WebSocket frame, sent in chunks', async () => {
    // A PEM may carry explanatory text around its blocks: 9 MiB of it makes a big, real file.
    const padding = Buffer.from(
      'Text around the certificate, as PEM allows, so the file outgrows one frame.\n'.repeat(125_000),
    );
    const big = Buffer.concat([padding, certificate]);
    expect(big.length).toBeGreaterThan(9 * 1024 * 1024);
    const upload = await send(big, 'keystore-import', 'partner-with-notes.pem');
    const preview = await call(ws, 'keystore.importPreview', { upload });
    expect(preview).toMatchObject({ ok: true, value: { fileName: 'partner-with-notes.pem', format: 'pem' } });
    expect((preview.value as { entries: unknown[] }).entries).toHaveLength(1);
    // Taken once: the bytes are gone from main after the preview.
    expect(await call(ws, 'keystore.importPreview', { upload })).toMatchObject({
      ok: false,
      code: 'FILE_UPLOAD_UNKNOWN',
    });
    await assertStillServes(f);
  });

  it('refuses a file over the limit for its use at begin, with FILE_TOO_LARGE', async () => {
    const huge = await call(ws, 'files.begin', {
      name: 'huge.p12',
      size: 32 * 1024 * 1024 + 1,
      purpose: 'keystore-import',
    });
    expect(huge).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(huge.message).toContain('32 MiB');
    const eedk = await call(ws, 'files.begin', { name: 'big.eedk', size: 65 * 1024, purpose: 'eedk' });
    expect(eedk).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
  });

  it('enforces the announced size while receiving, and drops the upload', async () => {
    const begun = await call(ws, 'files.begin', { name: 'liar.pem', size: 10, purpose: 'certificate' });
    const { uploadId } = begun.value as { uploadId: string };
    const over = await call(ws, 'files.chunk', { uploadId, index: 0, base64: Buffer.alloc(11).toString('base64') });
    expect(over).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await call(ws, 'files.finish', { uploadId })).toMatchObject({ ok: false, code: 'FILE_UPLOAD_UNKNOWN' });
  });

  it('refuses chunks out of order, an incomplete file, and a file sent for another use', async () => {
    const a = (await call(ws, 'files.begin', { name: 'a.pem', size: 4, purpose: 'certificate' })).value as {
      uploadId: string;
    };
    expect(await call(ws, 'files.chunk', { uploadId: a.uploadId, index: 1, base64: 'AAAA' })).toMatchObject({
      ok: false,
      code: 'FILE_UPLOAD_OUT_OF_ORDER',
    });
    const b = (await call(ws, 'files.begin', { name: 'b.pem', size: 6, purpose: 'certificate' })).value as {
      uploadId: string;
    };
    await call(ws, 'files.chunk', { uploadId: b.uploadId, index: 0, base64: 'AAAA' });
    expect(await call(ws, 'files.finish', { uploadId: b.uploadId })).toMatchObject({
      ok: false,
      code: 'FILE_UPLOAD_INCOMPLETE',
    });
    const c = await send(certificate, 'certificate', 'ca.pem');
    expect(await call(ws, 'eedk.unwrap', { upload: c })).toMatchObject({ ok: false, code: 'FILE_UPLOAD_WRONG_USE' });
    await call(ws, 'files.discard', { uploadId: c });
    expect(await call(ws, 'keystore.importPreview', { upload: `upload-${'0'.repeat(32)}` })).toMatchObject({
      ok: false,
      code: 'FILE_UPLOAD_UNKNOWN',
    });
  });

  it('keeps each chunk far below the frame cap', () => {
    expect(Math.ceil(FILE_CHUNK_BYTES / 3) * 4 + 200).toBeLessThan((8 * 1024 * 1024) / 4);
  });

  it('closes a socket that sends one message over the frame cap (1009) and keeps serving', async () => {
    const other = await openClient(f);
    const closed = new Promise<number>((r) => other.once('close', (code) => r(code)));
    other.on('error', () => {});
    other.send(JSON.stringify({ id: 1, channel: 'files.chunk', input: { base64: 'A'.repeat(9 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    await assertStillServes(f);
  });
});
