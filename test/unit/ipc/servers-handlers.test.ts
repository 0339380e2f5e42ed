import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileUploads } from '../../../src-main/ipc/file-uploads';
import { serverHandlers } from '../../../src-main/ipc/handlers/servers';
import type { OpenStation } from '../../../src-main/services';
import { createSelfSignedIdentity } from '../../../src-main/services/servers';
import { toPem } from '../../../src-main/services/certs';
import { unlockedStation } from '../../helpers/station';

// The key-server handlers only map channels to the service: the rules live in the service.

let station: OpenStation;
let cleanup: () => void;
let uploads: FileUploads;

beforeEach(async () => {
  ({ station, cleanup } = await unlockedStation());
  uploads = new FileUploads();
});

/** A file as the renderer sends it: begin, one chunk, finish; the handler consumes it by id. */
function uploaded(bytes: Buffer): string {
  const { uploadId } = uploads.begin('server.pem', bytes.length, 'certificate');
  uploads.chunk(uploadId, 0, Buffer.from(bytes)); // a copy, as bytes from the wire are: the upload is wiped once used
  uploads.finish(uploadId);
  return uploadId;
}

afterEach(() => cleanup());

async function codeOf(work: () => unknown): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('server handlers', () => {
  it('servers.remove: the service refuses a wrong confirmation, and removes with the right one', async () => {
    const handlers = serverHandlers(station, uploads);
    station.servers.registry.add({ name: 'SKLM 1', address: '10.0.0.1' });
    expect(await codeOf(() => handlers['servers.remove']({ name: 'SKLM 1', confirm: 'SKLM' }))).toBe(
      'REMOVE_NOT_CONFIRMED',
    );
    expect(station.servers.registry.list()).toHaveLength(1);
    await handlers['servers.remove']({ name: 'SKLM 1', confirm: 'SKLM 1' });
    expect(station.servers.registry.list()).toEqual([]);
  });

  it('servers.trustUpload: a PEM file is trusted by its leaf, only with the right fingerprint', async () => {
    const handlers = serverHandlers(station, uploads);
    const identity = await createSelfSignedIdentity(station.keystore, { label: 'Id', commonName: 'id', bits: 2048 });
    const der = station.keystore.certificateOf('Id');
    const pem = Buffer.from(toPem(der));
    const sha256 = identity.certificate?.sha256 ?? '';
    expect(
      await codeOf(() =>
        handlers['servers.trustUpload']({ upload: uploaded(pem), sha256: 'AA:BB', alias: 'Uploaded' }),
      ),
    ).toBe('FINGERPRINT_MISMATCH');
    const entry = await handlers['servers.trustUpload']({ upload: uploaded(pem), sha256, alias: 'Uploaded' });
    expect(entry).toMatchObject({ label: 'Uploaded', type: 'trusted-certificate' });
  });

  it('kmip.log: the tail of the station message log, empty before any message', async () => {
    const handlers = serverHandlers(station, uploads);
    expect(await handlers['kmip.log']({})).toEqual({ path: station.kmipLog.path, text: '' });
  });
});
