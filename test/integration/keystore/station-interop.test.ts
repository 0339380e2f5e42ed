import { createPrivateKey, createSign, createVerify, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEntries } from '../../../src-main/services/keystore';
import type { OpenStation } from '../../../src-main/services';
import { unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';
import { keytool, openssl, run } from './formats/tools';

/**
 * The station keystore against the real tools: what Custos exports, keytool and openssl read
 * and use; what keytool makes, Custos imports intact; and every bad file changes nothing.
 */
let s: OpenStation;
let cleanup: () => void;
const dir = tempDir('custos-interop-');
const cwd = dir.path;

beforeAll(async () => {
  const station = await unlockedStation();
  s = station.station;
  cleanup = station.cleanup;
  await s.keystore.createKek({ label: 'Main Site KEK', bits: 2048, subject: 'CN=Main Site KEK, O=Bank, C=CH' });
  await s.keystore.createSecretKey({ label: 'Tape Pool 7' });
});
afterAll(() => {
  cleanup();
  dir.cleanup();
});

const write = (name: string, bytes: Buffer) => {
  writeFileSync(join(cwd, name), bytes);
  return join(cwd, name);
};

describe('Custos exports, read by keytool and openssl', () => {
  it('PKCS#12 and JCEKS with a KEK and a secret key are listed by keytool -list -v', async () => {
    for (const format of ['pkcs12', 'jceks'] as const) {
      const file = exportEntries(s.keystore, s.audit, {
        labels: ['Main Site KEK', 'Tape Pool 7'],
        format,
        storePassword: 'export-pass',
      });
      const path = write(`out.${file.extension}`, file.bytes);
      const listing = await keytool(
        cwd,
        '-list',
        '-v',
        '-keystore',
        path,
        '-storetype',
        format.toUpperCase(),
        '-storepass',
        'export-pass',
      );
      expect(listing).toContain('PrivateKeyEntry');
      expect(listing).toContain('SecretKeyEntry');
      expect(listing.replace(/\s+/g, ' ')).toContain(s.keystore.show('Main Site KEK').certificate?.sha256);
    }
  });

  it('PKCS#12 (modern and legacy) passes openssl pkcs12 -info', async () => {
    const modern = write(
      'modern.p12',
      exportEntries(s.keystore, s.audit, { labels: ['Main Site KEK'], format: 'pkcs12', storePassword: 'export-pass' })
        .bytes,
    );
    const legacy = write(
      'legacy.p12',
      exportEntries(s.keystore, s.audit, {
        labels: ['Main Site KEK'],
        format: 'pkcs12',
        storePassword: 'export-pass',
        legacy: true,
      }).bytes,
    );
    await openssl(cwd, 'pkcs12', '-info', '-noout', '-in', modern, '-passin', 'pass:export-pass');
    await openssl(cwd, 'pkcs12', '-info', '-noout', '-legacy', '-in', legacy, '-passin', 'pass:export-pass');
    const wrong = await run('openssl', ['pkcs12', '-info', '-noout', '-in', modern, '-passin', 'pass:not-it'], cwd);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Mac verify error');
  });

  it('our certificates pass openssl x509 -text, with the KEK usage and the same fingerprint', async () => {
    const pem = write(
      'kek.pem',
      exportEntries(s.keystore, s.audit, { labels: ['Main Site KEK'], format: 'pem' }).bytes,
    );
    const text = await openssl(cwd, 'x509', '-in', pem, '-text', '-noout');
    expect(text).toContain('Key Encipherment');
    expect(text).toContain('Subject: CN = Main Site KEK, O = Bank, C = CH');
    const fp = await openssl(cwd, 'x509', '-in', pem, '-noout', '-fingerprint', '-sha256');
    expect(fp.trim()).toBe(`sha256 Fingerprint=${s.keystore.show('Main Site KEK').certificate?.sha256}`);
  });

  it('an exported private key signs and openssl verifies with the certificate, and the reverse', async () => {
    const p12 = write(
      'sign.p12',
      exportEntries(s.keystore, s.audit, { labels: ['Main Site KEK'], format: 'pkcs12', storePassword: 'export-pass' })
        .bytes,
    );
    const key = join(cwd, 'key.pem');
    await openssl(cwd, 'pkcs12', '-in', p12, '-nocerts', '-nodes', '-passin', 'pass:export-pass', '-out', key);
    const cert = write(
      'cert.pem',
      exportEntries(s.keystore, s.audit, { labels: ['Main Site KEK'], format: 'pem' }).bytes,
    );
    const data = write('data.bin', Buffer.from('EEDK ceremony, tape pool 7'));
    // openssl signs with the exported key; Node verifies with the station's certificate.
    await openssl(cwd, 'dgst', '-sha256', '-sign', key, '-out', join(cwd, 'by-openssl.sig'), data);
    const certificate = new X509Certificate(s.keystore.certificateOf('Main Site KEK'));
    expect(
      createVerify('sha256')
        .update(readFileSync(data))
        .verify(certificate.publicKey, readFileSync(join(cwd, 'by-openssl.sig'))),
    ).toBe(true);
    // The station's key signs; openssl verifies with the exported certificate.
    const { secret } = s.keystore.secretOf('Main Site KEK');
    const sig = createSign('sha256')
      .update(readFileSync(data))
      .sign(createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' }));
    secret.fill(0);
    write('by-custos.sig', sig);
    await openssl(cwd, 'x509', '-in', cert, '-pubkey', '-noout', '-out', join(cwd, 'pub.pem'));
    const verified = await openssl(
      cwd,
      'dgst',
      '-sha256',
      '-verify',
      join(cwd, 'pub.pem'),
      '-signature',
      join(cwd, 'by-custos.sig'),
      data,
    );
    expect(verified).toContain('Verified OK');
  });
});

describe('keytool files, imported by Custos', () => {
  const aes = async (store: string, type: string, alias: string) =>
    keytool(
      cwd,
      '-genseckey',
      '-alias',
      alias,
      '-keyalg',
      'AES',
      '-keysize',
      '256',
      '-keystore',
      store,
      '-storetype',
      type,
      '-storepass',
      'changeit',
    );
  const pair = async (store: string, type: string, alias: string, extra: string[] = []) =>
    keytool(
      cwd,
      ...extra,
      '-genkeypair',
      '-alias',
      alias,
      '-keyalg',
      'RSA',
      '-keysize',
      '2048',
      '-dname',
      `CN=${alias}`,
      '-validity',
      '30',
      '-keystore',
      store,
      '-storetype',
      type,
      '-storepass',
      'changeit',
    );

  it.each([
    ['PKCS12', 'modern.p12', []],
    ['PKCS12', 'legacy.p12', ['-J-Dkeystore.pkcs12.legacy']],
    ['JKS', 'keys.jks', []],
    ['JCEKS', 'keys.jceks', []],
  ] as const)('imports a keytool %s (%s) with every entry intact', async (type, name, extra) => {
    const store = join(cwd, `kt-${name}`);
    await pair(store, type, `pair-${name}`, [...extra]);
    if (type !== 'JKS') await aes(store, type, `aes-${name}`);
    const listing = await keytool(cwd, '-list', '-v', '-keystore', store, '-storetype', type, '-storepass', 'changeit');
    const preview = await s.imports.preview({ fileName: name, bytes: readFileSync(store), storePassword: 'changeit' });
    expect(preview.entries.map((e) => e.type).sort()).toEqual(type === 'JKS' ? ['kek'] : ['kek', 'secret-key']);
    const result = s.imports.commit(preview.previewId, 'fail', []);
    expect(result.skipped).toEqual([]);
    const kek = result.imported.find((e) => e.type === 'kek');
    expect(listing.replace(/\s+/g, ' ')).toContain(kek?.certificate?.sha256);
    expect(kek?.hasSecret).toBe(true);
    // The private key really is the certificate's: it signs, the certificate verifies.
    const { secret } = s.keystore.secretOf(kek?.label ?? '');
    const sig = createSign('sha256')
      .update('x')
      .sign(createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' }));
    expect(
      createVerify('sha256')
        .update('x')
        .verify(new X509Certificate(s.keystore.certificateOf(kek?.label ?? '')).publicKey, sig),
    ).toBe(true);
  });

  it('refuses bad files with their exact code and changes nothing', async () => {
    const store = join(cwd, 'bad.p12');
    await pair(store, 'PKCS12', 'bad-pair');
    const good = readFileSync(store);
    const before = { entries: s.keystore.list().length, audit: s.audit.list().length };
    const cases: [string, () => unknown][] = [
      [
        'KEYSTORE_WRONG_PASSWORD',
        () => s.imports.preview({ fileName: 'bad.p12', bytes: good, storePassword: 'wrong-one' }),
      ],
      [
        'KEYSTORE_CORRUPT',
        () =>
          s.imports.preview({
            fileName: 'bad.p12',
            bytes: good.subarray(0, good.length - 40),
            storePassword: 'changeit',
          }),
      ],
      [
        'KEYSTORE_UNKNOWN_FORMAT',
        () =>
          s.imports.preview({
            fileName: 'x',
            bytes: Buffer.from('hello, this is not a keystore'),
            storePassword: 'changeit',
          }),
      ],
      [
        'KEYSTORE_TOO_LARGE',
        () => s.imports.preview({ fileName: 'big', bytes: Buffer.alloc(33 * 1024 * 1024), storePassword: 'changeit' }),
      ],
    ];
    for (const [code, attempt] of cases) await expect(attempt(), code).rejects.toMatchObject({ code });
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)] = (flipped[Math.floor(flipped.length / 2)] ?? 0) ^ 0x40;
    await expect(
      s.imports.preview({ fileName: 'flip', bytes: flipped, storePassword: 'changeit' }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^KEYSTORE_(CORRUPT|WRONG_PASSWORD)$/) });
    expect({ entries: s.keystore.list().length, audit: s.audit.list().length }).toEqual(before);
  });

  it('imports all or nothing: a clash with --on-clash fail adds no entry', async () => {
    const store = join(cwd, 'clash.jceks');
    await aes(store, 'JCEKS', 'fresh key');
    await aes(store, 'JCEKS', 'tape pool 7');
    const before = s.keystore.list().length;
    const preview = await s.imports.preview({
      fileName: 'clash.jceks',
      bytes: readFileSync(store),
      storePassword: 'changeit',
    });
    expect(preview.entries.find((e) => e.alias === 'tape pool 7')).toMatchObject({
      clash: true,
      suggestedLabel: 'tape pool 7 (2)',
    });
    expect(() => s.imports.commit(preview.previewId, 'fail', [])).toThrowError(
      expect.objectContaining({ code: 'LABEL_TAKEN' }),
    );
    expect(s.keystore.list().length).toBe(before);
    // The draft survives a refused commit, so the custodian can decide again; once used, it is gone.
    const result = s.imports.commit(preview.previewId, 'skip', []);
    expect(result.imported.map((e) => e.label)).toEqual(['fresh key']);
    expect(result.skipped[0]?.reason).toContain('already used');
    expect(() => s.imports.commit(preview.previewId, 'skip', [])).toThrowError(
      expect.objectContaining({ code: 'IMPORT_EXPIRED' }),
    );
  });
});
