import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { startPyKmip, TestPki } from '../../helpers/pykmip';
import type { PyKmipServer } from '../../helpers/pykmip';
import { PASSPHRASE, unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

/**
 * The issue's proof: two PyKMIP servers registered as the primary and the secondary of one
 * station, the certificate exchange done through the CLI; the primary is killed mid-run. Reads
 * answer from the secondary and say so; a create is refused naming the primary and nothing
 * appears on the secondary; the primary comes back (same port, same database) and is used again.
 */
const dir = tempDir('custos-pair-');
const env = { CUSTOS_PASSPHRASE: PASSPHRASE };
let pki: TestPki;
let primary: PyKmipServer;
let secondary: PyKmipServer;
let home: string;
let cleanup: () => void;

interface Answer {
  server: string;
  role?: string;
  uniqueIdentifiers?: string[];
  uniqueIdentifier?: string;
}

async function custos(...argv: string[]) {
  return cli(['--home', home, ...argv], env);
}

/** Runs a command that must succeed with --json, and returns its answer. */
async function json(...argv: string[]): Promise<Answer> {
  const run = await custos('--json', ...argv);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Answer;
}

beforeAll(async () => {
  pki = new TestPki(join(dir.path, 'pki'));
  // Independent replicas: each server has its own certificate.
  const secondaryCert = pki.issue('server-b', { subject: '/CN=127.0.0.1', san: 'IP:127.0.0.1', eku: 'serverAuth' });
  [primary, secondary] = await Promise.all([
    startPyKmip(pki, 'primary'),
    startPyKmip(pki, 'secondary', { server: secondaryCert }),
  ]);
  const s = await unlockedStation();
  home = s.home;
  cleanup = s.cleanup;
  s.station.close();
}, 60_000);

afterAll(async () => {
  await Promise.all([primary?.kill(), secondary?.kill()]);
  cleanup?.();
  dir.cleanup();
});

describe('the primary/secondary pair against two PyKMIP servers, through the CLI', () => {
  it('exchanges certificates with both servers through the CLI and tests them green', async () => {
    // The station identity: a CSR signed by the servers' CA (PyKMIP trusts that CA's clients).
    const csr = join(dir.path, 'station.csr');
    expect((await custos('cert', 'csr', 'Station identity', '--cn', 'custos-pair', '--out', csr)).code).toBe(0);
    const ext = join(dir.path, 'client.ext');
    writeFileSync(
      ext,
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
    );
    const signed = join(dir.path, 'station.pem');
    execFileSync(
      'openssl',
      [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        pki.ca.cert,
        '-CAkey',
        pki.ca.key,
        '-set_serial',
        '77',
        '-days',
        '30',
        '-extfile',
        ext,
        '-out',
        signed,
      ],
      { stdio: 'pipe' },
    );
    expect((await custos('cert', 'import-signed', 'Station identity', signed)).code).toBe(0);

    for (const [name, server, role] of [
      ['kms-primary', primary, 'primary'],
      ['kms-secondary', secondary, 'secondary'],
    ] as const) {
      const added = await custos(
        'server',
        'add',
        name,
        '--address',
        '127.0.0.1',
        '--kmip-port',
        String(server.port),
        '--role',
        role,
        '--identity',
        'Station identity',
      );
      expect(added.code, added.stderr).toBe(0);
      // Retrieve the chain, compare the fingerprint (here: with openssl's), trust that certificate.
      const fetched = JSON.parse((await custos('--json', 'server', 'fetch-cert', server.address)).stdout) as {
        chain: { sha256: string }[];
      };
      const leaf = fetched.chain[0]?.sha256 ?? '';
      expect(leaf).toBe(pki.fingerprint(server === primary ? pki.server.cert : join(pki.dir, 'server-b.pem')));
      const trusted = await custos('server', 'trust', name, '--fingerprint', leaf, '--alias', `${name} certificate`);
      expect(trusted.code, trusted.stderr).toBe(0);
      const tested = await custos('server', 'test', name);
      expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    }
  });

  it('while both run: reads and changes go to the primary, and say so', async () => {
    const created = await json('kmip', 'create', '--name', 'before-outage');
    expect(created).toMatchObject({ server: 'kms-primary', role: 'primary' });
    // The same key name on the secondary, created there directly: it stands in for replication.
    expect((await json('kmip', 'create', '--name', 'replicated', '--server', 'kms-secondary')).server).toBe(
      'kms-secondary',
    );
    expect((await json('kmip', 'create', '--name', 'replicated')).server).toBe('kms-primary');
    const located = await json('kmip', 'locate', '--name', 'before-outage');
    expect(located).toMatchObject({ server: 'kms-primary', uniqueIdentifiers: [created.uniqueIdentifier] });
  });

  it('the primary dies: reads answer from the secondary and name it', async () => {
    await primary.kill();
    const run = await custos('--json', 'kmip', 'locate', '--name', 'replicated');
    expect(run.code, run.stderr).toBe(0);
    const located = JSON.parse(run.stdout) as Answer;
    expect(located).toMatchObject({ server: 'kms-secondary', role: 'secondary' });
    expect(located.uniqueIdentifiers).toHaveLength(1);
    expect(run.stderr).toContain('answered by the secondary key server "kms-secondary"');
    expect((await json('kmip', 'query')).server).toBe('kms-secondary');
    const human = await custos('kmip', 'locate', '--name', 'replicated');
    expect(human.stdout.trim()).toBe(located.uniqueIdentifiers?.[0]);
  });

  it('a create is refused with KMIP_PRIMARY_UNAVAILABLE naming the primary, and nothing appears on the secondary', async () => {
    const refused = await custos('kmip', 'create', '--name', 'during-outage');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^custos: KMIP_PRIMARY_UNAVAILABLE: The primary key server "kms-primary"/);
    expect(refused.stderr).toContain(primary.address);
    expect(refused.stderr).toContain('nothing was sent to "kms-secondary"');
    const onSecondary = await json('kmip', 'locate', '--name', 'during-outage', '--server', 'kms-secondary');
    expect(onSecondary).toMatchObject({ server: 'kms-secondary', uniqueIdentifiers: [] });
    // The health check sees the primary down and the secondary serving: keys can still be served.
    const health = await custos('--json', 'server', 'health', '--check');
    expect(health.code, health.stderr).toBe(0);
    const report = JSON.parse(health.stdout) as { servers: { name: string; state: string }[] };
    expect(report.servers.map((s) => [s.name, s.state])).toEqual([
      ['kms-primary', 'unreachable'],
      ['kms-secondary', 'ok'],
    ]);
  });

  it('the primary comes back on its port and database and is used again', async () => {
    primary = await startPyKmip(pki, 'primary', { port: primary.port });
    const created = await json('kmip', 'create', '--name', 'after-outage');
    expect(created).toMatchObject({ server: 'kms-primary', role: 'primary' });
    const located = await json('kmip', 'locate', '--name', 'before-outage');
    expect(located).toMatchObject({ server: 'kms-primary' });
    expect(located.uniqueIdentifiers).toHaveLength(1);
    // Nothing of the refused create reached either server.
    expect((await json('kmip', 'locate', '--name', 'during-outage')).uniqueIdentifiers).toEqual([]);
  });

  it('custos server health exits 1 when no server can serve keys', async () => {
    await Promise.all([primary.kill(), secondary.kill()]);
    const health = await custos('server', 'health', '--check');
    expect(health.code).toBe(1);
    expect(health.stdout).toContain('kms-primary (primary)  unreachable');
    expect(health.stderr).toMatch(/^custos: NO_SERVER_REACHABLE: /);
    const read = await custos('kmip', 'query');
    expect(read.code).toBe(1);
    expect(read.stderr).toMatch(/^custos: KMIP_NO_SERVER: .*"kms-primary".*"kms-secondary"/);
  });
});
