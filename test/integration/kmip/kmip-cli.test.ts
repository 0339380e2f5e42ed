import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src-main/cli/io';
import { runCli } from '../../../src-main/cli/run';
import {
  buildRequestMessage,
  encodeTtlv,
  KMIP_1_4,
  KmipClient,
  kmipOperations as ops,
  materialFingerprint,
  nameAttribute,
  Operation,
  readKmipXml,
  writeKmipXml,
  writeKmipXmlDocument,
} from '../../../src-main/services/kmip';
import { startPyKmip, TestPki, type PyKmipServer } from '../../helpers/pykmip';
import { tempDir } from '../../helpers/temp';

// `custos kmip ...` end to end, in-process, against a real PyKMIP server.

const temp = tempDir('custos-kmip-cli-');
let pki: TestPki;
let server: PyKmipServer;

beforeAll(async () => {
  pki = new TestPki(temp.path);
  server = await startPyKmip(pki, 'pykmip');
});

afterAll(async () => {
  await server.kill();
  temp.cleanup();
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function custos(argv: string[], stdin: string | Buffer = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const input = new PassThrough();
  input.end(stdin);
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    stdin: input as unknown as NodeJS.ReadStream,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function connection(): string[] {
  return ['--address', server.address, '--ca', pki.ca.cert, '--cert', pki.client.cert, '--key', pki.client.key];
}

async function json<T>(argv: string[]): Promise<T> {
  const run = await custos([...argv, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

describe('custos kmip against PyKMIP', () => {
  it('discover: the versions PyKMIP speaks and the one chosen, with the connection in the result', async () => {
    const result = await json<{
      versions: string[];
      chosen: string;
      connection: { hostname: string; tlsProtocol: string };
    }>(['kmip', 'discover', ...connection()]);
    expect(result.versions).toEqual(['2.0', '1.4', '1.3', '1.2', '1.1', '1.0']);
    expect(result.chosen).toBe('2.0');
    expect(result.connection).toMatchObject({ hostname: 'verified', tlsProtocol: 'TLSv1.2' });
    const pinned = await custos(['kmip', 'discover', ...connection(), '--version=1.2']);
    expect(pinned.stdout).toContain('Custos uses KMIP 1.2.');
    const pinnedLong = await custos(['kmip', 'discover', ...connection(), '--kmip-version', '1.4']);
    expect(pinnedLong.stdout).toContain('Custos uses KMIP 1.4.');
    // The spelling scripts use (the issue's): `--version 1.2`, with a space.
    const spaced = await custos(['kmip', 'discover', ...connection(), '--version', '1.2']);
    expect(spaced.stdout).toContain('Custos uses KMIP 1.2.');
  });

  it('query lists the operations', async () => {
    const run = await custos(['kmip', 'query', ...connection()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Operations\s+Create, CreateKeyPair, Register/);
  });

  it('create, locate, get (length and fingerprint only), attrs, activate, revoke, destroy', async () => {
    const logDir = join(temp.path, 'cli-log');
    const created = await json<{ uniqueIdentifier: string }>([
      'kmip',
      'create',
      ...connection(),
      '--name',
      'cli-key',
      '--group',
      'cli',
      '--bits',
      '128',
      '--log-dir',
      logDir,
    ]);
    const id = created.uniqueIdentifier;
    expect(
      (await json<{ uniqueIdentifiers: string[] }>(['kmip', 'locate', ...connection(), '--name', 'cli-key']))
        .uniqueIdentifiers,
    ).toEqual([id]);

    const client = new KmipClient({
      address: server.address,
      tls: {
        ca: [pki.read(pki.ca.cert)],
        certificate: pki.read(pki.client.cert),
        privateKey: pki.read(pki.client.key),
      },
    });
    const material = (await client.get(id)).keyBlock?.material ?? new Uint8Array();
    client.close();
    const fingerprint = materialFingerprint(material);

    const shown = await custos(['kmip', 'get', id, ...connection()]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('AES-128');
    expect(shown.stdout).toContain(`16 bytes, SHA-256 ${fingerprint.sha256}`);
    expect(shown.stdout).toContain('cli-key');
    expect(shown.stdout.toLowerCase()).not.toContain(Buffer.from(material).toString('hex'));
    const shownJson = await custos(['kmip', 'get', id, ...connection(), '--json']);
    expect(shownJson.stdout.toLowerCase()).not.toContain(Buffer.from(material).toString('hex'));
    expect(JSON.parse(shownJson.stdout)).toMatchObject({
      objectType: 'SymmetricKey',
      key: { bits: 128, material: fingerprint },
    });

    const attrs = await custos(['kmip', 'attrs', id, ...connection()]);
    expect(attrs.stdout).toMatch(/Object Group\s+cli/);

    expect((await custos(['kmip', 'activate', id, ...connection()])).stdout).toBe(`Activated ${id}.\n`);
    const refused = await custos(['kmip', 'destroy', id, ...connection()]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^custos: KMIP_PERMISSION_DENIED: /);
    expect((await custos(['kmip', 'revoke', id, ...connection(), '--reason', 'superseded'])).code).toBe(0);
    expect((await custos(['kmip', 'destroy', id, ...connection()])).code).toBe(0);
    const gone = await custos(['kmip', 'get', id, ...connection()]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^custos: KMIP_ITEM_NOT_FOUND: /);

    expect(readFileSync(join(logDir, 'kmip-messages.log'), 'utf8')).toContain(
      '<Operation type="Enumeration" value="Create"/>',
    );
  });

  it('register --cert twice: the one --key belongs to is ours, the other is registered', async () => {
    const other = pki.issue('to-register', { subject: '/CN=device-42', eku: 'clientAuth', key: pki.server.key });
    const run = await json<{ uniqueIdentifier: string }>([
      'kmip',
      'register',
      '--address',
      server.address,
      '--ca',
      pki.ca.cert,
      '--cert',
      other.cert,
      '--cert',
      pki.client.cert,
      '--key',
      pki.client.key,
      '--name',
      'device-42',
    ]);
    const shown = await custos(['kmip', 'get', run.uniqueIdentifier, ...connection()]);
    expect(shown.stdout).toContain('CN=device-42');
    expect(shown.stdout).toContain(pki.fingerprint(other.cert));
    const usage = await custos(['kmip', 'register', ...connection(), '--name', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^custos: USAGE: /);
  });

  it('reports TLS failures as `custos: CODE: sentence` with exit 1', async () => {
    const otherCa = pki.selfSigned('cli-other-ca', '/CN=Other CA');
    const run = await custos([
      'kmip',
      'query',
      '--address',
      server.address,
      '--ca',
      otherCa.cert,
      '--cert',
      pki.client.cert,
      '--key',
      pki.client.key,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`custos: TLS_SERVER_UNTRUSTED: `);
    expect(run.stderr).toContain(pki.fingerprint(pki.server.cert));
  });
});

describe('custos kmip encode / decode', () => {
  const messages = [
    buildRequestMessage({
      header: { protocolVersion: KMIP_1_4 },
      batchItems: [
        {
          operation: Operation.Create,
          payload: ops.create({ attributes: [nameAttribute('encoded')] }).payload(KMIP_1_4),
        },
      ],
    }),
    buildRequestMessage({
      header: { protocolVersion: KMIP_1_4 },
      batchItems: [{ operation: Operation.Query, payload: ops.query().payload(KMIP_1_4) }],
    }),
  ];

  it('round-trips a <KMIP> document through TTLV hex', async () => {
    const document = writeKmipXmlDocument(messages);
    const encoded = await custos(['kmip', 'encode'], document);
    expect(encoded.code).toBe(0);
    const lines = encoded.stdout.trim().split('\n');
    expect(lines).toEqual(messages.map((message) => encodeTtlv(message).toString('hex')));
    const decoded = await custos(['kmip', 'decode'], encoded.stdout);
    expect(decoded.code).toBe(0);
    expect(readKmipXml(decoded.stdout)).toEqual(messages);
  });

  it('decodes one binary message to one XML message, and --json to the KMIP JSON encoding', async () => {
    const [first] = messages;
    if (first === undefined) throw new Error('no message');
    const decoded = await custos(['kmip', 'decode'], encodeTtlv(first));
    expect(decoded.stdout.trim()).toBe(writeKmipXml(first));
    const asJson = await custos(['kmip', 'decode', '--json'], encodeTtlv(first));
    expect(JSON.parse(asJson.stdout).messages[0].tag).toBe('RequestMessage');
    const hexJson = await custos(['kmip', 'encode', '--json'], writeKmipXml(first));
    expect(JSON.parse(hexJson.stdout)).toEqual({ messages: [encodeTtlv(first).toString('hex')] });
  });

  it('refuses truncated input with a KMIP_TTLV code', async () => {
    const [first] = messages;
    if (first === undefined) throw new Error('no message');
    const run = await custos(['kmip', 'decode'], encodeTtlv(first).subarray(0, 20));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^custos: KMIP_TTLV_TRUNCATED: /);
  });
});
