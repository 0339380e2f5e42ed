import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { retrieveServerChain } from '../../../src-main/services/servers';
import { cli } from '../../helpers/cli';
import { issue } from '../../helpers/pki';
import { freePort, waitForPort } from '../../helpers/ports';
import { tempDir } from '../../helpers/temp';

/** Certificate retrieval against the real peer: OpenSSL's s_server, one case per classic failure. */
const dir = tempDir('custos-fetch-');
const DAY = 86_400_000;
let ca: ReturnType<typeof issue>;
let running: ChildProcess | null = null;

beforeAll(() => {
  ca = issue(dir.path, 'ca', { cn: 'Custos Test CA', ca: true });
});
afterEach(() => {
  running?.kill();
  running = null;
});
afterAll(() => dir.cleanup());

async function sServer(
  name: string,
  spec: Parameters<typeof issue>[2],
  extra: string[] = [],
): Promise<{ port: number; certPath: string }> {
  const leaf = issue(dir.path, name, spec);
  const port = await freePort();
  running = spawn(
    'openssl',
    [
      's_server',
      '-accept',
      `127.0.0.1:${port}`,
      '-cert',
      leaf.cert,
      '-key',
      leaf.key,
      '-quiet',
      ...(spec.issuer ? ['-cert_chain', ca.cert] : []),
      ...extra,
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  return { port, certPath: leaf.cert };
}

const signedBy = () => ({ issuer: { certPem: ca.certPem, keyPem: ca.keyPem } });
const opensslSha256 = (path: string) =>
  execFileSync('openssl', ['x509', '-in', path, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' })
    .trim()
    .replace('sha256 Fingerprint=', '');

describe('retrieving a key server certificate from openssl s_server', () => {
  it('a good chain: server and CA, fingerprints as openssl prints them, handshake completed', async () => {
    const { port, certPath } = await sServer('good', {
      cn: 'kms1.local',
      san: ['127.0.0.1', 'kms1.local'],
      eku: ['serverAuth'],
      ...signedBy(),
    });
    const chain = await retrieveServerChain('127.0.0.1', port);
    expect(chain.chain).toHaveLength(2);
    expect(chain.chain[0]?.sha256).toBe(opensslSha256(certPath));
    expect(chain.chain[1]?.sha256).toBe(opensslSha256(ca.cert));
    expect(chain.handshake).toBe('completed');
    expect(chain.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(chain.warnings).toEqual([]);
    const json = await cli(['--json', 'server', 'fetch-cert', `127.0.0.1:${port}`]);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out.chain[0]).sort()).toEqual([
      'issuer',
      'notAfter',
      'notBefore',
      'san',
      'sha1',
      'sha256',
      'subject',
    ]);
    expect(out.chain[0].san).toContain('IP Address:127.0.0.1');
  });

  it('an expired certificate is shown, with the warning', async () => {
    const { port } = await sServer('expired', {
      cn: 'old.local',
      san: ['127.0.0.1'],
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - 10 * DAY),
      ...signedBy(),
    });
    const chain = await retrieveServerChain('127.0.0.1', port);
    expect(chain.warnings.join(' ')).toContain('expired on');
  });

  it('a not-yet-valid certificate names the clocks', async () => {
    const { port } = await sServer('future', {
      cn: 'new.local',
      san: ['127.0.0.1'],
      notBefore: new Date(Date.now() + 10 * DAY),
      notAfter: new Date(Date.now() + 400 * DAY),
      ...signedBy(),
    });
    expect((await retrieveServerChain('127.0.0.1', port)).warnings.join(' ')).toContain('check the clocks');
  });

  it('a certificate for another host says so', async () => {
    const { port } = await sServer('wronghost', { cn: 'elsewhere.local', san: ['elsewhere.local'], ...signedBy() });
    expect((await retrieveServerChain('127.0.0.1', port)).warnings.join(' ')).toContain('does not name 127.0.0.1');
  });

  it('a self-signed certificate is shown alone, with advice to pin exactly it', async () => {
    const { port } = await sServer('selfsigned', { cn: 'lonely.local', san: ['127.0.0.1'] });
    const chain = await retrieveServerChain('127.0.0.1', port);
    expect(chain.chain).toHaveLength(1);
    expect(chain.chain[0]?.selfSigned).toBe(true);
    expect(chain.warnings.join(' ')).toContain('self-signed');
  });

  it('a server that demands a client certificate still shows its chain, and says why the handshake stopped', async () => {
    const { port } = await sServer('clientauth', { cn: 'kms2.local', san: ['127.0.0.1'], ...signedBy() }, [
      '-Verify',
      '1',
      '-CAfile',
      ca.cert,
      '-tls1_2',
    ]);
    const chain = await retrieveServerChain('127.0.0.1', port);
    expect(chain.chain.length).toBeGreaterThan(0);
    expect(chain.handshake).toContain('wants a client certificate');
  });

  it('a TLS 1.1-only server gives its own error and advice', async () => {
    const { port } = await sServer('tls11', { cn: 'ancient.local', san: ['127.0.0.1'], ...signedBy() }, [
      '-tls1_1',
      '-cipher',
      'DEFAULT@SECLEVEL=0',
    ]);
    const r = await cli(['--json', 'server', 'fetch-cert', `127.0.0.1:${port}`]);
    if (r.code === 0) {
      // The station still reaches TLS 1.1 (to show the certificate): the result must say it is not good enough.
      expect(JSON.parse(r.stdout).warnings.join(' ')).toMatch(
        /(old TLS version|speaks TLSv1\.1).*KMIP needs TLS 1\.2 or later/,
      );
    } else {
      expect(r.stderr).toMatch(/^custos: TLS_VERSION: .*TLS 1\.2 or later/);
    }
  });

  it('nothing listening and bad addresses give their own codes', async () => {
    const port = await freePort();
    expect((await cli(['server', 'fetch-cert', `127.0.0.1:${port}`])).stderr).toMatch(/^custos: SERVER_UNREACHABLE: /);
    expect((await cli(['server', 'fetch-cert', 'no-port-here'])).stderr).toMatch(/^custos: SERVER_ADDRESS_INVALID: /);
  });
});
