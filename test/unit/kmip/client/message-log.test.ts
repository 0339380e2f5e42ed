import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it, expect } from 'vitest';
import {
  bigInteger,
  byteString,
  buildRequestMessage,
  enumeration,
  KMIP_1_4,
  KmipMessageLog,
  kmipOperations as ops,
  materialFingerprint,
  Operation,
  redactSecrets,
  RollingFile,
  SecretDataType,
  structure,
  Tag,
  textString,
  writeKmipXml,
  CredentialType,
} from '../../../../src-main/services/kmip';
import { tempDir } from '../../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function folder(): string {
  const temp = tempDir('custos-kmip-log-');
  cleanups.push(temp.cleanup);
  return temp.path;
}

const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const keyHex = key.toString('hex');

function registerSymmetric(material: Uint8Array) {
  return buildRequestMessage({
    header: { protocolVersion: KMIP_1_4 },
    batchItems: [
      {
        operation: Operation.Register,
        payload: ops.register({ type: 'SymmetricKey', algorithm: 3, material }).payload(KMIP_1_4),
      },
    ],
  });
}

describe('redactSecrets', () => {
  it('redacts key material a server sends as text (hex in a TextString), not only bytes', () => {
    const message = structure(Tag.KeyBlock, [
      structure(Tag.KeyValue, [textString(Tag.KeyMaterial, keyHex)]),
      structure(Tag.SymmetricKey, [structure(Tag.KeyBlock, [structure(Tag.KeyValue, [textString(Tag.Data, keyHex)])])]),
    ]);
    const xml = writeKmipXml(redactSecrets(message));
    expect(xml.toLowerCase()).not.toContain(keyHex);
    expect(xml).toContain('[redacted: 64 bytes, SHA-256 ');
  });

  it('replaces key material by its length and SHA-256 fingerprint', () => {
    const xml = writeKmipXml(redactSecrets(registerSymmetric(key)));
    expect(xml.toLowerCase()).not.toContain(keyHex);
    expect(xml).toContain(
      `<KeyMaterial type="TextString" value="[redacted: 32 bytes, SHA-256 ${materialFingerprint(key).sha256}]"/>`,
    );
    expect(materialFingerprint(key).sha256).toMatch(/^[0-9a-f]{16}$/);
  });

  it('redacts transparent key parts, wrapped key values and plaintext Data', () => {
    const privateExponent = 0x1234567890abcdefn;
    const node = structure(Tag.ResponsePayload, [
      structure(Tag.PrivateKey, [
        structure(Tag.KeyBlock, [
          structure(Tag.KeyValue, [structure(Tag.KeyMaterial, [bigInteger(Tag.PrivateExponent, privateExponent)])]),
        ]),
      ]),
      structure(Tag.SymmetricKey, [structure(Tag.KeyBlock, [byteString(Tag.KeyValue, Uint8Array.of(9, 9, 9))])]),
      byteString(Tag.Data, Uint8Array.of(7, 7)),
      byteString(Tag.UniqueBatchItemID, Uint8Array.of(0, 0, 0, 1)),
    ]);
    const xml = writeKmipXml(redactSecrets(node));
    expect(xml).not.toMatch(/1234567890ABCDEF/i);
    expect(xml).toContain('<PrivateExponent type="TextString" value="[redacted: 8 bytes');
    expect(xml).toContain('<KeyValue type="TextString" value="[redacted: 3 bytes');
    expect(xml).toContain('<Data type="TextString" value="[redacted: 2 bytes');
    expect(xml).toContain('<UniqueBatchItemID type="ByteString" value="00000001"/>');
  });

  it('withholds passwords whole: credentials and Secret Data of type Password', () => {
    const credential = structure(Tag.Credential, [
      enumeration(Tag.CredentialType, CredentialType.UsernameAndPassword),
      structure(Tag.CredentialValue, [textString(Tag.Username, 'custodian'), textString(Tag.Password, 'hunter2')]),
    ]);
    const secret = structure(Tag.SecretData, [
      enumeration(Tag.SecretDataType, SecretDataType.Password),
      structure(Tag.KeyBlock, [structure(Tag.KeyValue, [byteString(Tag.KeyMaterial, Buffer.from('hunter2'))])]),
    ]);
    const xml = writeKmipXml(redactSecrets(structure(Tag.RequestPayload, [credential, secret])));
    expect(xml).not.toContain('hunter2');
    expect(xml.toLowerCase()).not.toContain(Buffer.from('hunter2').toString('hex'));
    expect(xml).not.toContain(materialFingerprint(Buffer.from('hunter2')).sha256);
    expect(xml).toContain('<Username type="TextString" value="custodian"/>');
    expect(xml.match(/\[password withheld\]/g)).toHaveLength(2);
  });

  it('leaves the original tree untouched', () => {
    const message = registerSymmetric(key);
    redactSecrets(message);
    expect(writeKmipXml(message).toLowerCase()).toContain(keyHex);
  });
});

describe('RollingFile', () => {
  it('rolls over at the size cap and keeps a fixed number of files', () => {
    const dir = folder();
    const file = new RollingFile(dir, 'kmip.log', { maxBytes: 100, files: 3 });
    for (let i = 0; i < 10; i++) file.append(`${String(i).repeat(60)}\n`);
    expect(readdirSync(dir).sort()).toEqual(['kmip.log', 'kmip.log.1', 'kmip.log.2']);
    expect(readFileSync(join(dir, 'kmip.log'), 'utf8')).toBe(`${'9'.repeat(60)}\n`);
    expect(readFileSync(join(dir, 'kmip.log.1'), 'utf8')).toBe(`${'8'.repeat(60)}\n`);
    expect(readFileSync(join(dir, 'kmip.log.2'), 'utf8')).toBe(`${'7'.repeat(60)}\n`);
  });

  it('continues an existing file up to the cap', () => {
    const dir = folder();
    writeFileSync(join(dir, 'kmip.log'), 'x'.repeat(90));
    new RollingFile(dir, 'kmip.log', { maxBytes: 100, files: 2 }).append('y'.repeat(20));
    expect(readFileSync(join(dir, 'kmip.log'), 'utf8')).toBe('y'.repeat(20));
    expect(existsSync(join(dir, 'kmip.log.1'))).toBe(true);
  });
});

describe('KmipMessageLog', () => {
  it('appends each message as KMIP XML under a heading with time, direction and server', () => {
    const dir = folder();
    const log = new KmipMessageLog(dir, {}, () => new Date('2030-01-02T03:04:05.000Z'));
    log.request('primary key server 10.0.0.5:5696', registerSymmetric(key));
    log.response('primary key server 10.0.0.5:5696', structure(Tag.ResponseMessage, []), 12.4);
    const text = readFileSync(log.path, 'utf8');
    expect(text).toContain(
      '<!-- 2030-01-02T03:04:05.000Z request to primary key server 10.0.0.5:5696 -->\n<RequestMessage>',
    );
    expect(text).toContain(
      '<!-- 2030-01-02T03:04:05.000Z response from primary key server 10.0.0.5:5696 after 12 ms -->',
    );
    expect(text.toLowerCase()).not.toContain(keyHex);
  });

  it('never throws: a write failure is kept for health displays', () => {
    const log = new KmipMessageLog(folder());
    // A directory where the log file belongs makes every append fail.
    mkdirSync(log.path);
    expect(() => log.request('s', structure(Tag.RequestMessage, []))).not.toThrow();
    expect(log.lastWriteError).toBe('EISDIR');
  });
});

describe('KmipMessageLog.tail', () => {
  it('is empty before any message, whole when small, and starts at a whole entry when cut', () => {
    const log = new KmipMessageLog(folder());
    expect(log.tail()).toBe('');
    const message = buildRequestMessage({
      header: { protocolVersion: KMIP_1_4 },
      batchItems: [{ operation: Operation.Query, payload: [] }],
    });
    for (let i = 0; i < 20; i++) log.request(`server-${i}`, message);
    const whole = log.tail();
    expect(whole).toBe(readFileSync(log.path, 'utf8'));
    const cut = log.tail(whole.length / 3);
    expect(cut.startsWith('<!--')).toBe(true);
    expect(whole.endsWith(cut)).toBe(true);
    expect(cut).toContain('request to server-19');
    expect(cut).not.toContain('request to server-0 ');
  });
});
