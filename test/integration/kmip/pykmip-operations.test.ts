import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustosError } from '../../../src-main/contract/errors';
import {
  applicationSpecificInformationAttribute,
  boolean,
  CryptographicAlgorithm,
  customAttribute,
  formatVersion,
  KMIP_1_2,
  KMIP_1_4,
  KMIP_2_0,
  KmipClient,
  KmipMessageLog,
  kmipOperations as ops,
  materialFingerprint,
  nameAttribute,
  namesOf,
  objectGroupAttribute,
  plainAttribute,
  SecretDataType,
  Tag,
  textAttribute,
  type KmipAttribute,
  type KmipClientOptions,
  type ProtocolVersion,
} from '../../../src-main/services/kmip';
import { startPyKmip, TestPki, type PyKmipServer } from '../../helpers/pykmip';
import { tempDir } from '../../helpers/temp';

// Every operation the client offers, against a real PyKMIP 0.10 server, in KMIP 1.2, 1.4 and 2.0.

const temp = tempDir('custos-kmip-ops-');
let pki: TestPki;
let server: PyKmipServer;
const clients: KmipClient[] = [];

beforeAll(async () => {
  pki = new TestPki(temp.path);
  server = await startPyKmip(pki, 'pykmip');
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server.kill();
  temp.cleanup();
});

function client(options: Partial<KmipClientOptions> = {}, identity = pki.client): KmipClient {
  const made = new KmipClient({
    address: server.address,
    tls: { ca: [pki.read(pki.ca.cert)], certificate: pki.read(identity.cert), privateKey: pki.read(identity.key) },
    ...options,
  });
  clients.push(made);
  return made;
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CustosError) return error.code;
    throw error;
  }
  throw new Error('expected a CustosError');
}

let unique = 0;
function uniqueName(prefix: string): string {
  unique += 1;
  return `${prefix}-${process.pid}-${unique}`;
}

function requestHeaders(logPath: string): string[] {
  return [...readFileSync(logPath, 'utf8').matchAll(/<RequestHeader>([\s\S]*?)<\/RequestHeader>/g)].map(
    (match) => match[1] ?? '',
  );
}

function stateOf(attributes: readonly KmipAttribute[]): unknown {
  const state = attributes.find((attribute) => attribute.name === 'State');
  return state === undefined ? undefined : plainAttribute(state).value;
}

describe.each<[string, ProtocolVersion]>([
  ['1.2', KMIP_1_2],
  ['1.4', KMIP_1_4],
  ['2.0', KMIP_2_0],
])('the key lifecycle in KMIP %s', (label, version) => {
  it('creates, activates, gets, reads attributes, locates by name, revokes and destroys', async () => {
    const kmip = client({ version });
    const name = uniqueName(`life-${label}`);
    const created = await kmip.create({
      bits: 256,
      attributes: [nameAttribute(name), objectGroupAttribute('lifecycle')],
    });
    expect(created.objectType).toBe('SymmetricKey');
    const id = created.uniqueIdentifier;

    await kmip.activate(id);
    const key = await kmip.get(id);
    expect(key.objectType).toBe('SymmetricKey');
    expect(key.keyBlock?.algorithm).toBe('AES');
    expect(key.keyBlock?.bits).toBe(256);
    expect(key.keyBlock?.material?.length).toBe(32);

    const { attributes } = await kmip.getAttributes(id);
    expect(namesOf(attributes)).toEqual([name]);
    expect(textAttribute(attributes, 'Object Group')).toBe('lifecycle');
    expect(stateOf(attributes)).toBe('Active');
    expect((await kmip.getAttributeList(id)).names).toEqual(
      expect.arrayContaining(['Name', 'State', 'Cryptographic Length']),
    );

    expect((await kmip.locate({ attributes: [nameAttribute(name)] })).uniqueIdentifiers).toEqual([id]);

    // PyKMIP refuses to destroy an active key: revoke first.
    expect(await codeOf(kmip.destroy(id))).toBe('KMIP_PERMISSION_DENIED');
    await kmip.revoke(id);
    expect(stateOf((await kmip.getAttributes(id, ['State'])).attributes)).toBe('Deactivated');
    await kmip.destroy(id);
    expect(await codeOf(kmip.get(id))).toBe('KMIP_ITEM_NOT_FOUND');
    expect((await kmip.locate({ attributes: [nameAttribute(name)] })).uniqueIdentifiers).toEqual([]);
    expect(kmip.session()?.protocolVersion).toBe(label);
    expect(kmip.session()?.versionSource).toBe('configured');
  });

  it('registers a certificate, a symmetric key, a key pair and secret data, and gets them back', async () => {
    const kmip = client({ version });
    const der = new (await import('node:crypto')).X509Certificate(pki.read(pki.client.cert)).raw;
    const certificate = await kmip.register({ type: 'Certificate', der }, [nameAttribute(uniqueName('cert'))]);
    const fetched = await kmip.get(certificate.uniqueIdentifier);
    expect(fetched.objectType).toBe('Certificate');
    expect(Buffer.from(fetched.certificate?.der ?? []).equals(der)).toBe(true);

    const material = Buffer.alloc(32, 0x5a);
    const symmetric = await kmip.register({ type: 'SymmetricKey', algorithm: CryptographicAlgorithm.AES, material }, [
      nameAttribute(uniqueName('sym')),
    ]);
    expect(Buffer.from((await kmip.get(symmetric.uniqueIdentifier)).keyBlock?.material ?? []).equals(material)).toBe(
      true,
    );

    const { createPrivateKey, createPublicKey } = await import('node:crypto');
    const privateKey = createPrivateKey(readFileSync(pki.client.key));
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const registeredPrivate = await kmip.register({
      type: 'PrivateKey',
      algorithm: CryptographicAlgorithm.RSA,
      bits: 2048,
      der: pkcs8,
    });
    const registeredPublic = await kmip.register({
      type: 'PublicKey',
      algorithm: CryptographicAlgorithm.RSA,
      bits: 2048,
      der: spki,
    });
    expect((await kmip.get(registeredPrivate.uniqueIdentifier)).keyBlock?.formatType).toBe('PKCS_8');
    expect(Buffer.from((await kmip.get(registeredPublic.uniqueIdentifier)).keyBlock?.material ?? []).equals(spki)).toBe(
      true,
    );

    const secret = await kmip.register({
      type: 'SecretData',
      dataType: SecretDataType.Seed,
      material: Buffer.from('seed bytes'),
    });
    const secretBack = await kmip.get(secret.uniqueIdentifier);
    expect(secretBack.secretDataType).toBe('Seed');
    expect(Buffer.from(secretBack.keyBlock?.material ?? []).toString()).toBe('seed bytes');

    const pair = await kmip.createKeyPair({ bits: 2048, common: [nameAttribute(uniqueName('pair'))] });
    expect((await kmip.get(pair.publicKeyUniqueIdentifier)).objectType).toBe('PublicKey');
  });

  it('pages Locate with Maximum Items (and Offset Items from 1.4)', async () => {
    const kmip = client({ version });
    const group = uniqueName('paged');
    const made = await kmip.batch(
      Array.from({ length: 5 }, (_, i) =>
        ops.create({ attributes: [nameAttribute(`${group}-${i}`), objectGroupAttribute(group)] }),
      ),
    );
    const ids = made.map((result) => (result.status === 'ok' ? result.value.uniqueIdentifier : 'failed'));
    expect(ids).not.toContain('failed');
    // PyKMIP matches objects without an Object Group too, so the name prefix keeps the set exact.
    const page = await kmip.locate({ attributes: [objectGroupAttribute(group)], maximumItems: 2 });
    expect(page.uniqueIdentifiers).toHaveLength(2);
    const all = await kmip.locateAll([objectGroupAttribute(group)], 2);
    expect(all.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });
});

describe('negotiation, query and connection reuse', () => {
  it('negotiates KMIP 2.0 by default, 1.4 when preferred, and lists every version PyKMIP speaks', async () => {
    const kmip = client();
    expect(formatVersion(await kmip.negotiatedVersion())).toBe('2.0');
    expect(kmip.session()?.versionSource).toBe('discovered');
    expect((await kmip.discoverVersions([])).map(formatVersion)).toEqual(['2.0', '1.4', '1.3', '1.2', '1.1', '1.0']);
    const older = client({ versionPreferences: [KMIP_1_4, KMIP_1_2] });
    expect(formatVersion(await older.negotiatedVersion())).toBe('1.4');
  });

  it('queries operations and the vendor', async () => {
    const facts = await client().query();
    expect(facts.operations).toEqual(
      expect.arrayContaining([
        'Create',
        'Register',
        'Locate',
        'Get',
        'Activate',
        'Revoke',
        'Destroy',
        'DiscoverVersions',
      ]),
    );
    expect(facts.vendorIdentification).toContain('PyKMIP');
  });

  it('carries many requests over one TLS connection', async () => {
    const before = readFileSync(server.logPath, 'utf8').split('Starting session').length;
    const kmip = client();
    for (let i = 0; i < 5; i++) await kmip.query();
    const after = readFileSync(server.logPath, 'utf8').split('Starting session').length;
    expect(after - before).toBe(1);
  });

  it('sends no Time Stamp unless asked, and PyKMIP accepts one when asked', async () => {
    const logDir = join(temp.path, 'stamp-log');
    const log = new KmipMessageLog(logDir);
    await client({ traffic: log }).query();
    expect(requestHeaders(log.path).some((header) => header.includes('<TimeStamp'))).toBe(false);
    const stamped = new KmipMessageLog(join(temp.path, 'stamp-log-2'));
    await client({ traffic: stamped, sendTimeStamp: true }).query();
    expect(requestHeaders(stamped.path).every((header) => header.includes('<TimeStamp'))).toBe(true);
  });
});

describe('batches', () => {
  it('chains Create, GetAttributes and Get through the ID placeholder in one message', async () => {
    const kmip = client();
    const name = uniqueName('chain');
    const [created, attributes, key] = await kmip.batch([
      ops.create({ attributes: [nameAttribute(name)] }),
      ops.getAttributes(undefined, ['Name', 'State']),
      ops.get(),
    ]);
    expect(created.status).toBe('ok');
    expect(attributes.status).toBe('ok');
    expect(key.status).toBe('ok');
    if (created.status !== 'ok' || attributes.status !== 'ok' || key.status !== 'ok') return;
    expect(attributes.value.uniqueIdentifier).toBe(created.value.uniqueIdentifier);
    expect(namesOf(attributes.value.attributes)).toEqual([name]);
    expect(key.value.uniqueIdentifier).toBe(created.value.uniqueIdentifier);
  });

  it('Create + Activate + GetAttributes by placeholder: PyKMIP 0.10 refuses the whole message (its Activate parser demands an id), nothing is created', async () => {
    const kmip = client();
    const name = uniqueName('chain-activate');
    const error = await codeOf(
      kmip.batch([
        ops.create({ attributes: [nameAttribute(name)] }),
        ops.activate(),
        ops.getAttributes(undefined, ['State']),
      ]),
    );
    expect(error).toBe('KMIP_OPERATION_FAILED');
    expect((await kmip.locate({ attributes: [nameAttribute(name)] })).uniqueIdentifiers).toEqual([]);
  });

  it('creates and activates many keys in two messages on one connection', async () => {
    const kmip = client();
    const prefix = uniqueName('bulk');
    const created = await kmip.batch(
      Array.from({ length: 40 }, (_, i) => ops.create({ attributes: [nameAttribute(`${prefix}-${i}`)] })),
    );
    const ids = created.flatMap((result) => (result.status === 'ok' ? [result.value.uniqueIdentifier] : []));
    expect(ids).toHaveLength(40);
    const activated = await kmip.batch(ids.map((id) => ops.activate(id)));
    expect(activated.every((result) => result.status === 'ok')).toBe(true);
    expect(stateOf((await kmip.getAttributes(ids[39] ?? '', ['State'])).attributes)).toBe('Active');
  });

  it('honours the Batch Error Continuation Option: stop leaves later items unrun, continue runs them', async () => {
    const kmip = client();
    const stopped = await kmip.batch([ops.get('no-such-object'), ops.query()], { onError: 'stop' });
    expect(stopped[0].status).toBe('failed');
    if (stopped[0].status === 'failed') expect(stopped[0].error.code).toBe('KMIP_ITEM_NOT_FOUND');
    expect(stopped[1].status).toBe('not-run');
    const continued = await kmip.batch([ops.get('no-such-object'), ops.query()], { onError: 'continue' });
    expect(continued.map((result) => result.status)).toEqual(['failed', 'ok']);
  });
});

describe('attributes', () => {
  it('sets Name, Object Group and Application Specific Information at creation', async () => {
    const kmip = client({ version: KMIP_1_4 });
    const name = uniqueName('asi');
    const created = await kmip.create({
      attributes: [
        nameAttribute(name),
        objectGroupAttribute('g'),
        applicationSpecificInformationAttribute('custos', 'test'),
      ],
    });
    const { attributes } = await kmip.getAttributes(created.uniqueIdentifier);
    const asi = attributes.find((attribute) => attribute.name === 'Application Specific Information');
    expect(asi === undefined ? undefined : plainAttribute(asi).value).toEqual({
      ApplicationNamespace: 'custos',
      ApplicationData: 'test',
    });
  });

  it('edits attributes in KMIP 1.x: ModifyAttribute and DeleteAttribute by name and index', async () => {
    const kmip = client({ version: KMIP_1_2 });
    const name = uniqueName('edit1');
    const { uniqueIdentifier: id } = await kmip.create({
      attributes: [nameAttribute(name), objectGroupAttribute('before')],
    });
    await kmip.modifyAttribute(id, nameAttribute(`${name}-renamed`));
    await kmip.deleteAttribute(id, { name: 'Object Group', index: 0 });
    const { attributes } = await kmip.getAttributes(id, ['Name', 'Object Group']);
    expect(namesOf(attributes)).toEqual([`${name}-renamed`]);
    expect(textAttribute(attributes, 'Object Group')).toBeUndefined();
    expect(await codeOf(kmip.setAttribute(id, objectGroupAttribute('x')))).toBe('KMIP_OPERATION_NOT_SUPPORTED');
  });

  it('edits attributes in KMIP 2.0: SetAttribute, ModifyAttribute and DeleteAttribute by current value', async () => {
    const kmip = client({ version: KMIP_2_0 });
    const name = uniqueName('edit2');
    const { uniqueIdentifier: id } = await kmip.create({
      attributes: [nameAttribute(name), objectGroupAttribute('before')],
    });
    await kmip.setAttribute(id, { name: 'Sensitive', value: boolean(Tag.AttributeValue, true) });
    await kmip.modifyAttribute(id, nameAttribute(`${name}-renamed`), nameAttribute(name));
    await kmip.deleteAttribute(id, { name: 'Object Group', value: objectGroupAttribute('before') });
    const { attributes } = await kmip.getAttributes(id, ['Name', 'Object Group', 'Sensitive']);
    expect(namesOf(attributes)).toEqual([`${name}-renamed`]);
    expect(textAttribute(attributes, 'Object Group')).toBeUndefined();
    expect(attributes.map(plainAttribute)).toContainEqual({ name: 'Sensitive', value: true });
  });

  it('reports what PyKMIP lacks: AddAttribute, ReKey and custom x- attributes', async () => {
    const kmip = client({ version: KMIP_1_4 });
    const { uniqueIdentifier: id } = await kmip.create({ attributes: [nameAttribute(uniqueName('lacks'))] });
    expect(await codeOf(kmip.addAttribute(id, objectGroupAttribute('more')))).toBe('KMIP_OPERATION_FAILED');
    expect(await codeOf(kmip.reKey(id))).toBe('KMIP_OPERATION_NOT_SUPPORTED');
    expect(await codeOf(kmip.create({ attributes: [customAttribute('x-purpose', 'escrow')] }))).toBe(
      'KMIP_OPERATION_FAILED',
    );
  });
});

describe('identities', () => {
  it("another custodian's certificate cannot read our key: KMIP_PERMISSION_DENIED", async () => {
    const mine = client();
    const { uniqueIdentifier: id } = await mine.create({ attributes: [nameAttribute(uniqueName('private'))] });
    const other = pki.issue('custodian-two', { subject: '/CN=custodian-two', eku: 'clientAuth', key: pki.client.key });
    expect(await codeOf(client({}, other).get(id))).toBe('KMIP_PERMISSION_DENIED');
  });
});

describe('message log against real traffic', () => {
  it('logs every request and response as KMIP XML with key material redacted', async () => {
    const log = new KmipMessageLog(join(temp.path, 'message-log'));
    const kmip = client({ traffic: log });
    const { uniqueIdentifier: id } = await kmip.create({ attributes: [nameAttribute(uniqueName('logged'))] });
    const key = await kmip.get(id);
    const material = key.keyBlock?.material ?? new Uint8Array();
    const text = readFileSync(log.path, 'utf8');
    expect(text.match(/<RequestMessage>/g)).toHaveLength(3);
    expect(text.match(/<ResponseMessage>/g)).toHaveLength(3);
    expect(text).toContain('<Operation type="Enumeration" value="Get"/>');
    expect(text.toLowerCase()).not.toContain(Buffer.from(material).toString('hex'));
    expect(text).toContain(`[redacted: 32 bytes, SHA-256 ${materialFingerprint(material).sha256}]`);
  });
});
