import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustosError } from '../../../src-main/contract/errors';
import { KmipClient, type KmipTlsConfig } from '../../../src-main/services/kmip';
import {
  freePort,
  startOpenSslServer,
  startPyKmip,
  TestPki,
  type PyKmipServer,
  type RunningPeer,
} from '../../helpers/pykmip';
import { tempDir } from '../../helpers/temp';

// Each TLS failure a custodian can meet, produced by a real peer, with the code and sentence it gets.

const temp = tempDir('custos-kmip-tls-');
let pki: TestPki;
let pykmip: PyKmipServer;
const peers: RunningPeer[] = [];

beforeAll(async () => {
  pki = new TestPki(temp.path);
  pykmip = await startPyKmip(pki, 'pykmip');
});

afterAll(async () => {
  await Promise.all([pykmip.kill(), ...peers.map((peer) => peer.kill())]);
  temp.cleanup();
});

function tls(overrides: Partial<KmipTlsConfig> = {}): KmipTlsConfig {
  return {
    ca: [pki.read(pki.ca.cert)],
    certificate: pki.read(pki.client.cert),
    privateKey: pki.read(pki.client.key),
    ...overrides,
  };
}

async function failure(address: string, config: KmipTlsConfig, connectTimeoutMs?: number): Promise<CustosError> {
  const client = new KmipClient({ address, tls: config, connectTimeoutMs });
  try {
    await client.query();
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  } finally {
    client.close();
  }
  throw new Error('expected the request to fail');
}

describe('TLS diagnostics against real peers', () => {
  it('works with the right material (the baseline)', async () => {
    const client = new KmipClient({ address: pykmip.address, tls: tls() });
    const session = await client.connect();
    client.close();
    expect(session.tlsProtocol).toBe('TLSv1.2');
    expect(session.cipher).toMatch(/^ECDHE-RSA-AES(128|256)-SHA(256|384)$/);
    expect(session.hostname).toBe('verified');
  });

  it('wrong CA: TLS_SERVER_UNTRUSTED with the server certificate fingerprint openssl prints', async () => {
    const otherCa = pki.selfSigned('other-ca', '/CN=Some Other CA');
    const error = await failure(pykmip.address, tls({ ca: [pki.read(otherCa.cert)] }));
    expect(error.code).toBe('TLS_SERVER_UNTRUSTED');
    expect(error.message).toContain(pki.fingerprint(pki.server.cert));
    expect(error.message).toContain('CN=127.0.0.1');
  });

  it('expired server certificate: TLS_SERVER_CERT_EXPIRED', async () => {
    const expired = pki.issue('server-expired', {
      subject: '/CN=127.0.0.1',
      san: 'IP:127.0.0.1',
      eku: 'serverAuth',
      days: -1,
      key: pki.server.key,
    });
    const server = await startPyKmip(pki, 'pykmip-expired', { server: expired });
    peers.push(server);
    const error = await failure(server.address, tls());
    expect(error.code).toBe('TLS_SERVER_CERT_EXPIRED');
    expect(error.message).toMatch(/expired on \d{4}-\d{2}-\d{2}/);
  });

  it('hostname mismatch: TLS_HOSTNAME_MISMATCH, and the explicit override is reported', async () => {
    const noIp = pki.issue('server-no-ip', {
      subject: '/CN=kms.example',
      san: 'DNS:kms.example',
      eku: 'serverAuth',
      key: pki.server.key,
    });
    const server = await startPyKmip(pki, 'pykmip-no-ip', { server: noIp });
    peers.push(server);
    const error = await failure(server.address, tls());
    expect(error.code).toBe('TLS_HOSTNAME_MISMATCH');
    expect(error.message).toContain('DNS:kms.example');

    const client = new KmipClient({ address: server.address, tls: tls({ allowHostnameMismatch: true }) });
    await client.query();
    expect(client.session()?.hostname).toBe('mismatch-allowed');
    client.close();
  });

  it('our certificate lacks clientAuth: TLS_CLIENT_CERT_NO_CLIENTAUTH before connecting', async () => {
    const serverOnly = pki.issue('client-server-eku', {
      subject: '/CN=custodian-one',
      eku: 'serverAuth',
      key: pki.client.key,
    });
    const error = await failure(pykmip.address, tls({ certificate: pki.read(serverOnly.cert) }));
    expect(error.code).toBe('TLS_CLIENT_CERT_NO_CLIENTAUTH');
  });

  it("our certificate has no EKU at all: PyKMIP's AUTHENTICATION_NOT_SUCCESSFUL becomes TLS_CLIENT_CERT_NO_CLIENTAUTH", async () => {
    const noEku = pki.issue('client-no-eku', { subject: '/CN=custodian-one', key: pki.client.key });
    const error = await failure(pykmip.address, tls({ certificate: pki.read(noEku.cert) }));
    expect(error.code).toBe('TLS_CLIENT_CERT_NO_CLIENTAUTH');
    expect(error.message).toContain('no Extended Key Usage');
  });

  it('our certificate from a CA the server does not trust: KMIP_AUTH_FAILED', async () => {
    const rogueCa = pki.selfSigned('rogue-ca', '/CN=Rogue CA');
    const stranger = pki.issue('client-stranger', {
      subject: '/CN=stranger',
      eku: 'clientAuth',
      ca: rogueCa,
      key: pki.client.key,
    });
    const error = await failure(pykmip.address, tls({ certificate: pki.read(stranger.cert) }));
    expect(error.code).toBe('KMIP_AUTH_FAILED');
    expect(error.message).toContain('CN=stranger');
  });

  it('no client certificate: TLS_CLIENT_CERT_REQUIRED', async () => {
    const error = await failure(pykmip.address, { ca: [pki.read(pki.ca.cert)] });
    expect(error.code).toBe('TLS_CLIENT_CERT_REQUIRED');
  });

  it('no shared cipher (GCM only against PyKMIP): TLS_NO_SHARED_CIPHER', async () => {
    const error = await failure(pykmip.address, tls({ ciphers: 'ECDHE-RSA-AES256-GCM-SHA384', maxVersion: 'TLSv1.2' }));
    expect(error.code).toBe('TLS_NO_SHARED_CIPHER');
  });

  it('a TLS 1.1-only server: TLS_VERSION', async () => {
    const server = await startOpenSslServer(['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0'], pki.server);
    peers.push(server);
    const error = await failure(server.address, tls());
    expect(error.code).toBe('TLS_VERSION');
  });

  it('nothing listening: SERVER_UNREACHABLE', async () => {
    const error = await failure(`127.0.0.1:${await freePort()}`, tls());
    expect(error.code).toBe('SERVER_UNREACHABLE');
    expect(error.message).toContain('refused the connection');
  });
});
