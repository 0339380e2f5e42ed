import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStation } from '../../../src-main/services';
import {
  createIdentityRequest,
  createSelfSignedIdentity,
  importSignedIdentity,
} from '../../../src-main/services/servers';
import { cli } from '../../helpers/cli';
import { startPyKmip, TestPki } from '../../helpers/pykmip';
import type { PyKmipServer } from '../../helpers/pykmip';
import { PASSPHRASE, unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

/**
 * The whole certificate exchange against a real PyKMIP server, as a custodian does it: retrieve
 * the server certificate, compare and trust it, give the station an identity, hand it over, test.
 */
const dir = tempDir('custos-exchange-');
let pki: TestPki;
let server: PyKmipServer;
let station: OpenStation;
let home: string;
let cleanup: () => void;

beforeAll(async () => {
  pki = new TestPki(join(dir.path, 'pki'));
  const s = await unlockedStation();
  station = s.station;
  home = s.home;
  cleanup = s.cleanup;
  // The self-signed path: the station's own certificate is added to PyKMIP's CA file before it starts.
  const selfSigned = await createSelfSignedIdentity(station.keystore, {
    label: 'Station self-signed',
    commonName: 'custos-station',
    subjectAltNames: ['127.0.0.1'],
    bits: 2048,
  });
  expect(selfSigned.certificate?.selfSigned).toBe(true);
  appendFileSync(pki.ca.cert, pem(station.keystore.certificateOf('Station self-signed')));
  server = await startPyKmip(pki, 'exchange');
}, 60_000);

afterAll(async () => {
  await server?.kill();
  cleanup?.();
  dir.cleanup();
});

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${
    der
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? ''
  }\n-----END CERTIFICATE-----\n`;
}

describe('certificate exchange with PyKMIP', () => {
  it('retrieves the chain and trusts the CA only with the fingerprint openssl prints', async () => {
    const chain = await station.servers.retrieve('127.0.0.1', server.port);
    expect(chain.handshake).toContain('wants a client certificate');
    const caIndex = chain.chain.findIndex((c) => c.sha256 === pki.fingerprint(pki.ca.cert));
    expect(chain.chain[0]?.sha256).toBe(pki.fingerprint(pki.server.cert));
    // PyKMIP sends only its own certificate; the custodian then trusts that certificate (pinning it).
    const index = caIndex >= 0 ? caIndex : 0;
    expect(() =>
      station.servers.trustRetrieved(chain.fetchId, index, 'AA:'.repeat(31) + 'AA', 'PyKMIP trust'),
    ).toThrowError(expect.objectContaining({ code: 'FINGERPRINT_MISMATCH' }));
    expect(station.keystore.isLabelTaken('PyKMIP trust')).toBe(false);
    // PyKMIP's certificate is issued by the test CA: trust the CA by uploading it, as an administrator would hand it over.
    const ca = station.servers.trustCertificate(der(pki.ca.cert), pki.fingerprint(pki.ca.cert), 'Test CA', 'uploaded');
    expect(ca.type).toBe('trusted-certificate');
  });

  it('self-signed path: saved, tested green through Query', async () => {
    station.servers.registry.add({
      name: 'PyKMIP self',
      address: '127.0.0.1',
      kmipPort: server.port,
      role: 'primary',
      trustLabel: 'Test CA',
      identityLabel: 'Station self-signed',
    });
    const result = await station.servers.test('PyKMIP self');
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['TCP reach', true],
      ['TLS handshake', true],
      ['Certificates verified both ways', true],
      ['KMIP DiscoverVersions', true],
      ['KMIP Query', true],
    ]);
    expect(result.steps[1]?.detail).toMatch(/TLSv1\.2, ECDHE-RSA/);
    expect(station.servers.registry.show('PyKMIP self').kmipVersion).toBe(result.kmipVersion);
  });

  it('CSR path: the CA signs the request, the signed certificate is checked against the key, Query is green', async () => {
    const { entry, csrPem } = await createIdentityRequest(station.keystore, {
      label: 'Station via CA',
      commonName: 'custos-station-ca',
      subjectAltNames: ['127.0.0.1'],
      bits: 2048,
    });
    expect(entry.certificate).toBeNull();
    writeFileSync(join(dir.path, 'station.csr'), csrPem);
    writeFileSync(
      join(dir.path, 'client.ext'),
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
    );
    execFileSync('openssl', ['req', '-in', join(dir.path, 'station.csr'), '-noout', '-verify'], { stdio: 'pipe' });
    execFileSync(
      'openssl',
      [
        'x509',
        '-req',
        '-in',
        join(dir.path, 'station.csr'),
        '-CA',
        pki.ca.cert,
        '-CAkey',
        pki.ca.key,
        '-set_serial',
        '4242',
        '-days',
        '30',
        '-extfile',
        join(dir.path, 'client.ext'),
        '-out',
        join(dir.path, 'station-signed.pem'),
      ],
      { stdio: 'pipe' },
    );
    // A certificate for another key is refused, and nothing changes.
    expect(() => importSignedIdentity(station.keystore, 'Station via CA', readFileSync(pki.client.cert))).toThrowError(
      expect.objectContaining({ code: 'KEY_CERT_MISMATCH' }),
    );
    const signed = importSignedIdentity(
      station.keystore,
      'Station via CA',
      readFileSync(join(dir.path, 'station-signed.pem')),
    );
    expect(signed.certificate?.issuer).toContain('Custos Test CA');
    station.servers.registry.add({
      name: 'PyKMIP ca',
      address: '127.0.0.1',
      kmipPort: server.port,
      role: 'secondary',
      trustLabel: 'Test CA',
      identityLabel: 'Station via CA',
    });
    const result = await station.servers.test('PyKMIP ca');
    expect(result.ok).toBe(true);
    const retrieval = await station.servers.testKeyRetrieval('PyKMIP ca');
    expect(retrieval.map((s) => s.ok)).toEqual([true, true, true]);
  });

  it("pins the server's own certificate when the custodian trusts it rather than its CA", async () => {
    const chain = await station.servers.retrieve('127.0.0.1', server.port);
    const leaf = chain.chain[0];
    station.servers.trustRetrieved(chain.fetchId, 0, leaf?.sha256 ?? '', 'PyKMIP leaf pin');
    const pinned = await station.servers.testDraft({
      name: 'pin',
      address: '127.0.0.1',
      kmipPort: server.port,
      trustLabel: 'PyKMIP leaf pin',
      identityLabel: 'Station self-signed',
    });
    expect(pinned.ok).toBe(true);
    expect(pinned.steps[2]?.detail).toContain('PyKMIP leaf pin');
  });

  it('an identity the server does not trust fails at the certificate step, with advice', async () => {
    await createSelfSignedIdentity(station.keystore, { label: 'Unknown station', commonName: 'stranger', bits: 2048 });
    const result = await station.servers.testDraft({
      name: 'x',
      address: '127.0.0.1',
      kmipPort: server.port,
      trustLabel: 'Test CA',
      identityLabel: 'Unknown station',
    });
    expect(result.ok).toBe(false);
    const failed = result.steps.find((s) => s.code);
    expect(failed?.advice).toBeTruthy();
    expect(result.steps.at(-1)).toMatchObject({ step: 'KMIP Query', ok: false, code: null });
  });

  it('health, calendar and the CLI see the same servers', async () => {
    const report = station.servers.healthReport();
    expect(report.servers.map((s) => s.state)).toEqual(['ok', 'ok']);
    expect(report.events.filter((e) => e.severity === 'critical')).toEqual([]);
    const ics = station.servers.calendar();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Certificate expires: Station via CA');
    station.close();
    const out = await cli(['--home', home, '--json', 'server', 'test', 'PyKMIP self'], {
      CUSTOS_PASSPHRASE: PASSPHRASE,
    });
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout).steps.every((s: { ok: boolean }) => s.ok)).toBe(true);
    const health = await cli(['--home', home, '--json', 'server', 'health'], { CUSTOS_PASSPHRASE: PASSPHRASE });
    expect(JSON.parse(health.stdout).servers).toHaveLength(2);
  });
});

function der(pemPath: string): Buffer {
  const text = readFileSync(pemPath, 'utf8');
  const first = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text)?.[1] ?? '';
  return Buffer.from(first.replace(/\s+/g, ''), 'base64');
}
