import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStation } from '../../../src-main/services';
import { startPyKmip, TestPki } from '../../helpers/pykmip';
import type { PyKmipServer } from '../../helpers/pykmip';
import { unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

/** A PyKMIP server as the backup key server; PyKMIP's own client checks what Custos put there. */
const run = promisify(execFile);
const dir = tempDir('custos-backup-server-');
const SERVER = 'Backup KMS';
let pki: TestPki;
let server: PyKmipServer;
let station: OpenStation;
let cleanup: () => void;

async function pykmipReads(
  ...names: string[]
): Promise<Record<string, { count: number; kcv?: string; sha256?: string }>> {
  const { stdout } = await run('/usr/bin/python3', [
    join(__dirname, 'pykmip_reader.py'),
    String(server.port),
    pki.client.cert,
    pki.client.key,
    pki.ca.cert,
    ...names,
  ]);
  return JSON.parse(stdout) as Record<string, { count: number; kcv?: string; sha256?: string }>;
}

beforeAll(async () => {
  pki = new TestPki(join(dir.path, 'pki'));
  server = await startPyKmip(pki, 'backup');
  const s = await unlockedStation();
  station = s.station;
  cleanup = s.cleanup;
  const ks = station.keystore;
  // The station's identity has PyKMIP's client CN, so both see the same objects (PEERS.md).
  ks.add({
    label: 'Station identity',
    type: 'client-identity',
    origin: 'test',
    secret: createPrivateKey(readFileSync(pki.client.key)).export({ type: 'pkcs8', format: 'der' }),
    certificateDer: new X509Certificate(readFileSync(pki.client.cert)).raw,
  });
  ks.add({
    label: 'Test CA',
    type: 'trusted-certificate',
    origin: 'test',
    certificateDer: new X509Certificate(readFileSync(pki.ca.cert)).raw,
  });
  station.servers.registry.add({
    name: SERVER,
    address: '127.0.0.1',
    kmipPort: server.port,
    role: 'secondary',
    identityLabel: 'Station identity',
    trustLabel: 'Test CA',
  });
  await ks.createKek({ label: 'SITE-A KEK', bits: 2048 });
  for (let i = 1; i <= 3; i++) await ks.createSecretKey({ label: `TAPE KEY ${i}` });
}, 60_000);

afterAll(async () => {
  await server?.kill();
  cleanup?.();
  dir.cleanup();
});

describe('backup key server over KMIP (PyKMIP)', () => {
  it('copies every key; PyKMIP reads them back with the same KCV and certificate', async () => {
    const report = await station.backup.startCopyToServer(SERVER, { all: true }).done;
    expect(report).toMatchObject({ copied: 4, alreadyThere: 0, problems: 0 });
    const read = await pykmipReads('TAPE KEY 1', 'TAPE KEY 2', 'TAPE KEY 3', 'SITE-A KEK');
    for (let i = 1; i <= 3; i++) {
      expect(read[`TAPE KEY ${i}`]).toMatchObject({ count: 1, kcv: station.keystore.show(`TAPE KEY ${i}`).kcv });
    }
    const cert = station.keystore.show('SITE-A KEK').certificate?.sha256.replace(/:/g, '');
    expect(read['SITE-A KEK']).toMatchObject({ count: 2, sha256: cert });
    const status = station.backup.status();
    expect(status.keys.find((k) => k.label === 'TAPE KEY 2')?.lastServerCopy?.server).toBe(SERVER);
    expect(status.nowhereElse).not.toContain('TAPE KEY 2');
  }, 60_000);

  it('a second run registers nothing', async () => {
    const report = await station.backup.startCopyToServer(SERVER, { all: true }).done;
    expect(report).toMatchObject({ copied: 0, alreadyThere: 4, problems: 0 });
    const read = await pykmipReads('TAPE KEY 1', 'SITE-A KEK');
    expect(read['TAPE KEY 1']?.count).toBe(1);
    expect(read['SITE-A KEK']?.count).toBe(2);
  }, 60_000);

  it('refuses, by name, when the server holds another key under the same name; never overwrites', async () => {
    await pykmipReads(`register:CLASH KEY:${'ab'.repeat(32)}`);
    await station.keystore.createSecretKey({ label: 'CLASH KEY' });
    const report = await station.backup.startCopyToServer(SERVER, { labels: ['CLASH KEY'] }).done;
    expect(report.problems).toBe(1);
    expect(report.keys[0]).toMatchObject({
      outcome: 'refused',
      detail: expect.stringMatching(/^BACKUP_SERVER_HOLDS_OTHER_KEY: /),
    });
    const read = await pykmipReads('CLASH KEY');
    expect(read['CLASH KEY']).toMatchObject({ count: 1, kcv: expect.any(String) });
    expect(read['CLASH KEY']?.kcv).not.toBe(station.keystore.show('CLASH KEY').kcv);
  }, 60_000);

  it('server lost mid-copy: what was copied is recorded, the rest is reported, nothing is re-sent', async () => {
    // Enough keys (batches of 5) that the copy is still running when the server's kill lands.
    const labels: string[] = [];
    for (let i = 0; i < 40; i++) {
      labels.push(`LATE KEY ${i}`);
      await station.keystore.createSecretKey({ label: `LATE KEY ${i}` });
    }
    const { jobId, done } = station.backup.startCopyToServer(SERVER, { labels });
    let killed: Promise<void> | null = null;
    const stop = station.jobs.onChanged((job) => {
      if (job.id === jobId && (job.progress ?? 0) >= 0.25 && !killed) killed = server.kill();
    });
    const report = await done;
    stop();
    await killed;
    const outcomes = report.keys.map((k) => k.outcome);
    expect(outcomes.filter((o) => o === 'copied').length).toBeGreaterThan(0);
    const broken = outcomes.findIndex((o) => o === 'failed' || o === 'unknown');
    expect(broken).toBeGreaterThan(0);
    // Keys go in batches: keys sent in the Register batch that broke are "unknown" (never re-sent), the rest not attempted.
    expect(outcomes.slice(broken + 1).every((o) => o === 'not-copied' || o === 'unknown')).toBe(true);
    const status = station.backup.status();
    const copied = report.keys.filter((k) => k.outcome === 'copied').map((k) => k.label);
    for (const label of copied) expect(status.keys.find((k) => k.label === label)?.lastServerCopy).not.toBeNull();
    expect(status.nowhereElse).toContain(labels[labels.length - 1]);
  }, 60_000);
});
