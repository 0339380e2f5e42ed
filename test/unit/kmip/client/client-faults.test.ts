import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { CustosError } from '../../../../src-main/contract/errors';
import {
  buildResponseMessage,
  decodeTtlv,
  encodeTtlv,
  enumeration,
  ObjectType,
  formatVersion,
  integer,
  KMIP_1_2,
  KmipClient,
  Operation,
  protocolVersionNode,
  readRequestMessage,
  ResultStatus,
  Tag,
  textString,
  TtlvFrameReader,
  type KmipClientOptions,
  type ProtocolVersion,
  type RequestMessage,
  type ResponseBatchItem,
  type TtlvNode,
} from '../../../../src-main/services/kmip';
import { TestPki } from '../../../helpers/pykmip';
import { tempDir } from '../../../helpers/temp';

// Faults a real key server will not produce on demand, from a scripted TLS peer.

/** What the fake server does with one request: answer, hang up, stay silent, or send raw bytes. */
type Reply = { readonly items: ResponseBatchItem[] } | 'close' | 'silent' | { readonly raw: Buffer };
type Script = (request: RequestMessage, connection: number) => Reply;

const temp = tempDir('custos-kmip-faults-');
let pki: TestPki;
const servers: (Server | TcpServer)[] = [];

beforeAll(() => {
  pki = new TestPki(temp.path);
});

afterAll(() => {
  for (const server of servers) server.close();
  temp.cleanup();
});

const CREATED = [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), textString(Tag.UniqueIdentifier, '1')];

function success(
  request: RequestMessage,
  payloads: Partial<Record<number, TtlvNode[]>> = {},
): { items: ResponseBatchItem[] } {
  return {
    items: request.batchItems.map((item) => ({
      operation: item.operation,
      uniqueBatchItemId: item.uniqueBatchItemId,
      resultStatus: ResultStatus.Success,
      payload:
        payloads[item.operation] ??
        (item.operation === Operation.Create ? CREATED : [textString(Tag.UniqueIdentifier, '1')]),
    })),
  };
}

function versions(request: RequestMessage, offered: readonly ProtocolVersion[]): { items: ResponseBatchItem[] } {
  return {
    items: [
      {
        operation: Operation.DiscoverVersions,
        resultStatus: ResultStatus.Success,
        payload: offered.map(protocolVersionNode),
      },
    ],
  };
}

/** A TLS server that asks for client certificates and follows the script; counts connections and requests. */
async function fakeServer(
  script: Script,
): Promise<{ address: string; connections: () => number; operations: number[]; dropAll: () => Promise<void> }> {
  let connections = 0;
  const operations: number[] = [];
  const open = new Set<TLSSocket>();
  const server = createServer(
    {
      cert: pki.read(pki.server.cert),
      key: pki.read(pki.server.key),
      ca: pki.read(pki.ca.cert),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (socket: TLSSocket) => {
      const connection = ++connections;
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      const reader = new TtlvFrameReader();
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        for (const bytes of reader.push(chunk)) {
          const request = readRequestMessage(decodeTtlv(bytes));
          operations.push(...request.batchItems.map((item) => item.operation));
          const reply = script(request, connection);
          if (reply === 'close') socket.destroy();
          else if (reply === 'silent') continue;
          else if ('raw' in reply) socket.write(reply.raw);
          else
            socket.write(
              encodeTtlv(
                buildResponseMessage({
                  header: { protocolVersion: request.header.protocolVersion, timeStamp: 0n },
                  batchItems: reply.items,
                }),
              ),
            );
        }
      });
    },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  // Stands in for a server's idle timeout: it drops every connection it holds.
  const dropAll = async (): Promise<void> => {
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  return { address: `127.0.0.1:${port}`, connections: () => connections, operations, dropAll };
}

function client(address: string, options: Partial<KmipClientOptions> = {}): KmipClient {
  return new KmipClient({
    address,
    tls: { ca: [pki.read(pki.ca.cert)], certificate: pki.read(pki.client.cert), privateKey: pki.read(pki.client.key) },
    ...options,
  });
}

async function failure(work: Promise<unknown>): Promise<CustosError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  }
  throw new Error('expected a CustosError');
}

describe('connection reuse and reconnection', () => {
  it('reconnects when the server closed an idle connection, keeping the negotiated version', async () => {
    let answered = 0;
    const server = await fakeServer((request) => {
      answered += 1;
      return request.batchItems[0]?.operation === Operation.DiscoverVersions
        ? versions(request, [KMIP_1_2])
        : success(request);
    });
    const kmip = client(server.address);
    await kmip.query();
    await server.dropAll();
    await kmip.query();
    await kmip.create();
    expect(server.connections()).toBe(2);
    expect(server.operations.filter((operation) => operation === Operation.DiscoverVersions)).toHaveLength(1);
    expect(formatVersion(await kmip.negotiatedVersion())).toBe('1.2');
    expect(answered).toBe(4);
    kmip.close();
  });

  it('repeats a read once on a new connection when the reused one breaks mid-request', async () => {
    const server = await fakeServer((request, connection) => {
      if (request.batchItems[0]?.operation === Operation.DiscoverVersions) return versions(request, [KMIP_1_2]);
      return connection === 1 && request.batchItems[0]?.operation === Operation.Locate ? 'close' : success(request);
    });
    const kmip = client(server.address);
    await kmip.query();
    await kmip.locate();
    expect(server.connections()).toBe(2);
    kmip.close();
  });

  it('a change that broke mid-request is KMIP_OUTCOME_UNKNOWN and is not sent again', async () => {
    const server = await fakeServer((request) =>
      request.batchItems[0]?.operation === Operation.DiscoverVersions
        ? versions(request, [KMIP_1_2])
        : request.batchItems[0]?.operation === Operation.Create
          ? 'close'
          : success(request),
    );
    const kmip = client(server.address, { role: 'primary key server' });
    const error = await failure(kmip.create());
    expect(error.code).toBe('KMIP_OUTCOME_UNKNOWN');
    expect(error.message).toBe(
      `The Create request was sent to the primary key server ${server.address}, but the connection broke before the answer came. Whether the server carried it out is unknown, so Custos did not send it again; check (for example with Locate) before retrying.`,
    );
    expect(server.operations.filter((operation) => operation === Operation.Create)).toHaveLength(1);
    kmip.close();
  });

  it('carries concurrent requests one at a time, each getting its own answer', async () => {
    const server = await fakeServer((request) => {
      const [item] = request.batchItems;
      if (item?.operation === Operation.DiscoverVersions) return versions(request, [KMIP_1_2]);
      const id = item?.payload.find((node) => node.tag === Tag.UniqueIdentifier);
      return success(request, {
        [Operation.Activate]: [textString(Tag.UniqueIdentifier, id?.type === 'TextString' ? id.value : '?')],
      });
    });
    const kmip = client(server.address);
    const ids = await Promise.all(['a', 'b', 'c', 'd'].map((id) => kmip.activate(id)));
    expect(ids.map((result) => result.uniqueIdentifier)).toEqual(['a', 'b', 'c', 'd']);
    expect(server.connections()).toBe(1);
    kmip.close();
  });
});

describe('timeouts and bad answers', () => {
  it('a silent server: SERVER_TIMEOUT for a read, KMIP_OUTCOME_UNKNOWN for a change', async () => {
    const server = await fakeServer((request) =>
      request.batchItems[0]?.operation === Operation.DiscoverVersions ? versions(request, [KMIP_1_2]) : 'silent',
    );
    const kmip = client(server.address, { requestTimeoutMs: 200 });
    expect((await failure(kmip.query())).code).toBe('SERVER_TIMEOUT');
    const error = await failure(kmip.create());
    expect(error.code).toBe('KMIP_OUTCOME_UNKNOWN');
    expect(error.message).toContain('no answer came within 0.2 s');
    kmip.close();
  });

  it('refuses an answer announced over 4 MiB before reading it', async () => {
    const header = Buffer.from([0x42, 0x00, 0x7b, 0x01, 0x00, 0x50, 0x00, 0x00]);
    const server = await fakeServer((request) =>
      request.batchItems[0]?.operation === Operation.DiscoverVersions ? versions(request, [KMIP_1_2]) : { raw: header },
    );
    const kmip = client(server.address);
    expect((await failure(kmip.query())).code).toBe('KMIP_TTLV_TOO_LARGE');
    expect((await failure(kmip.create())).code).toBe('KMIP_OUTCOME_UNKNOWN');
    kmip.close();
  });

  it('an answer that is not a KMIP response is a KMIP_MESSAGE_* error for a read', async () => {
    const notResponse = encodeTtlv(integer(Tag.BatchCount, 1));
    const server = await fakeServer((request) =>
      request.batchItems[0]?.operation === Operation.DiscoverVersions
        ? versions(request, [KMIP_1_2])
        : { raw: notResponse },
    );
    const kmip = client(server.address);
    expect((await failure(kmip.query())).code).toBe('KMIP_MESSAGE_UNEXPECTED');
    kmip.close();
  });

  it('a port that accepts TCP but never speaks TLS: SERVER_TIMEOUT', async () => {
    const silent = createTcpServer((socket) => socket.on('error', () => undefined));
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const error = await failure(client(`127.0.0.1:${port}`, { connectTimeoutMs: 300 }).query());
    expect(error.code).toBe('SERVER_TIMEOUT');
    expect(error.message).toContain('did not complete a TLS connection within 0.3 s');
  });
});

describe('TLS 1.3', () => {
  it('a server that refuses us after the handshake (TLS 1.3 sends that alert late): TLS_CLIENT_CERT_REQUIRED, not a lost connection', async () => {
    const server = await fakeServer((request) => success(request));
    const kmip = new KmipClient({ address: server.address, tls: { ca: [pki.read(pki.ca.cert)] } });
    const error = await failure(kmip.create());
    expect(error.code).toBe('TLS_CLIENT_CERT_REQUIRED');
    expect(server.operations).toEqual([]);
  });
});

describe('version negotiation', () => {
  it('takes our first preference the server offers, and refuses when there is none', async () => {
    const offering = (offered: ProtocolVersion[]) =>
      fakeServer((request) =>
        request.batchItems[0]?.operation === Operation.DiscoverVersions ? versions(request, offered) : success(request),
      );
    const old = await offering([KMIP_1_2, { major: 1, minor: 0 }]);
    expect(formatVersion(await client(old.address).negotiatedVersion())).toBe('1.2');
    const none = await offering([]);
    const error = await failure(client(none.address).negotiatedVersion());
    expect(error.code).toBe('KMIP_VERSION_UNSUPPORTED');
    expect(error.message).toContain('2.0, 1.4, 1.3, 1.2');
  });

  it('asks in the oldest preferred version that has DiscoverVersions', async () => {
    const headers: string[] = [];
    const server = await fakeServer((request) => {
      headers.push(formatVersion(request.header.protocolVersion));
      return versions(request, [KMIP_1_2]);
    });
    await client(server.address).negotiatedVersion();
    expect(headers).toEqual(['1.2']);
  });
});

describe('our own certificate, checked before connecting', () => {
  it('refuses an expired client certificate, a key that does not match, and unreadable files', async () => {
    const expired = pki.issue('client-expired', {
      subject: '/CN=custodian-one',
      eku: 'clientAuth',
      days: -1,
      key: pki.client.key,
    });
    const address = '127.0.0.1:1';
    const ca = [pki.read(pki.ca.cert)];
    expect(
      (
        await failure(
          new KmipClient({
            address,
            tls: { ca, certificate: pki.read(expired.cert), privateKey: pki.read(pki.client.key) },
          }).query(),
        )
      ).code,
    ).toBe('TLS_CLIENT_CERT_EXPIRED');
    expect(
      (
        await failure(
          new KmipClient({
            address,
            tls: { ca, certificate: pki.read(pki.client.cert), privateKey: pki.read(pki.server.key) },
          }).query(),
        )
      ).code,
    ).toBe('TLS_MATERIAL_INVALID');
    expect(() => new KmipClient({ address, tls: { ca: [Buffer.from('not a certificate')] } })).toThrow(
      expect.objectContaining({ code: 'TLS_MATERIAL_INVALID' }),
    );
    expect(() => new KmipClient({ address, tls: { ca, certificate: pki.read(pki.client.cert) } })).toThrow(
      expect.objectContaining({ code: 'TLS_MATERIAL_INVALID' }),
    );
    expect(() => new KmipClient({ address: 'no port:x', tls: { ca } })).toThrow(
      expect.objectContaining({ code: 'SERVER_ADDRESS_INVALID' }),
    );
  });

  it('accepts a DER CA certificate and a PKCS#8 DER key', async () => {
    const { X509Certificate, createPrivateKey } = await import('node:crypto');
    const server = await fakeServer((request) =>
      request.batchItems[0]?.operation === Operation.DiscoverVersions
        ? versions(request, [KMIP_1_2])
        : success(request),
    );
    const der = new X509Certificate(pki.read(pki.ca.cert)).raw;
    const keyDer = createPrivateKey(pki.read(pki.client.key)).export({ format: 'der', type: 'pkcs8' });
    const kmip = new KmipClient({
      address: server.address,
      tls: { ca: [der], certificate: pki.read(pki.client.cert), privateKey: keyDer },
    });
    await kmip.query();
    kmip.close();
  });
});
