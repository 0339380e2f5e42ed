import { X509Certificate, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readKeystore,
  writeCertificateDer,
  writeCertificatesPem,
  writeJceks,
  writeJks,
  writePkcs12,
  writePrivateKeyPem,
  type KeystoreContents,
  type KeystoreEntry,
  type PrivateKeyEntry,
  type SecretKeyEntry,
} from '../../../../src-main/services/keystore/formats';
import {
  javaDump,
  keytool,
  keytoolList,
  openssl,
  opensslFingerprint,
  run,
  type DumpedEntry,
  type ListedEntry,
} from './tools';

/**
 * Against the real JDK 17 keytool and OpenSSL 3: files they make must read with every entry
 * intact, and files we make must be listed, opened and used by them. Every file is made in a
 * fresh temp dir per run; independent tool runs go in parallel (a keytool JVM costs ~0.5 s).
 */
const SP = 'store-pass-1';
const DK2_PASS = 'dk2-own-pass';

let dir = '';
const path = (name: string): string => join(dir, name);
const bytes = (name: string): Buffer => readFileSync(path(name));

function fingerprint(der: Buffer): string {
  return new X509Certificate(der).fingerprint256;
}

function listedFromOurs(
  contents: KeystoreContents,
): Array<{ alias: string; type: ListedEntry['type']; fingerprints: string[] }> {
  return contents.entries
    .map((e) => ({
      alias: e.alias.toLowerCase(),
      type:
        e.kind === 'private-key'
          ? ('PrivateKeyEntry' as const)
          : e.kind === 'secret-key'
            ? ('SecretKeyEntry' as const)
            : ('trustedCertEntry' as const),
      fingerprints:
        e.kind === 'private-key'
          ? e.certificateChain.map(fingerprint)
          : e.kind === 'trusted-certificate'
            ? [fingerprint(e.certificate)]
            : [],
    }))
    .sort((a, b) => a.alias.localeCompare(b.alias));
}

function keyOf(contents: KeystoreContents, alias: string): PrivateKeyEntry {
  const found = contents.entries.find(
    (e): e is PrivateKeyEntry => e.kind === 'private-key' && e.alias.toLowerCase() === alias,
  );
  if (found === undefined) throw new Error(`no private key ${alias} in ${contents.format}`);
  return found;
}

function secretOf(contents: KeystoreContents, alias: string): SecretKeyEntry {
  const found = contents.entries.find(
    (e): e is SecretKeyEntry => e.kind === 'secret-key' && e.alias.toLowerCase() === alias,
  );
  if (found === undefined) throw new Error(`no secret key ${alias} in ${contents.format}`);
  return found;
}

/** What Java's KeyStore API sees must be exactly what we read. */
function expectJavaSees(dump: readonly DumpedEntry[], file: string, contents: KeystoreContents): void {
  const java = dump.filter((d) => d.file === file).sort((a, b) => a.alias.localeCompare(b.alias));
  const ours = [...contents.entries].sort((a, b) => a.alias.toLowerCase().localeCompare(b.alias.toLowerCase()));
  expect(
    java.map((d) => `${d.alias}:${d.kind}`),
    file,
  ).toEqual(
    ours.map(
      (e) =>
        `${e.alias.toLowerCase()}:${e.kind === 'private-key' ? 'private' : e.kind === 'secret-key' ? 'secret' : 'trusted'}`,
    ),
  );
  for (const [i, e] of ours.entries()) {
    const d = java[i];
    if (d === undefined) throw new Error('missing');
    if (e.kind === 'secret-key') {
      expect(d.algorithm.toLowerCase(), `${file} ${e.alias}`).toBe(e.algorithm.toLowerCase());
      expect(d.keyHex, `${file} ${e.alias}`).toBe(e.key.toString('hex'));
    } else if (e.kind === 'private-key') {
      const javaKey = createPrivateKey({ key: Buffer.from(d.keyHex, 'hex'), format: 'der', type: 'pkcs8' });
      expect(
        javaKey.equals(createPrivateKey({ key: e.privateKeyPkcs8, format: 'der', type: 'pkcs8' })),
        `${file} ${e.alias}`,
      ).toBe(true);
      expect(d.fingerprints).toEqual(e.certificateChain.map(fingerprint));
    } else {
      expect(d.fingerprints).toEqual([fingerprint(e.certificate)]);
    }
  }
}

const SIGNED_DATA = Buffer.from('EEDK wrap check: the key signs, the certificate verifies');

/** Signs with our parsed key in Node and has OpenSSL verify against the certificate's public key. */
async function expectOpensslVerifies(name: string, key: PrivateKeyEntry): Promise<void> {
  const [leaf] = key.certificateChain;
  if (leaf === undefined) throw new Error('no certificate');
  writeFileSync(path(`${name}.crt.pem`), writeCertificatesPem([leaf]));
  writeFileSync(
    path(`${name}.sig`),
    sign('sha256', SIGNED_DATA, createPrivateKey({ key: key.privateKeyPkcs8, format: 'der', type: 'pkcs8' })),
  );
  writeFileSync(path(`${name}.pub.pem`), await openssl(dir, 'x509', '-in', `${name}.crt.pem`, '-noout', '-pubkey'));
  const out = await openssl(
    dir,
    'dgst',
    '-sha256',
    '-verify',
    `${name}.pub.pem`,
    '-signature',
    `${name}.sig`,
    'signed.txt',
  );
  expect(out.trim()).toBe('Verified OK');
}

const made = new Map<string, KeystoreContents>();

/** Our reading of a keytool/OpenSSL file, once per run (JCEKS keys cost 200000 MD5 rounds each). */
function contentsOf(file: string): KeystoreContents {
  let contents = made.get(file);
  if (contents === undefined) {
    contents = readKeystore(bytes(file), { storePassword: SP, keyPasswords: { 'tape-dk-2': DK2_PASS } });
    made.set(file, contents);
  }
  return contents;
}
let keytoolDump: DumpedEntry[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custos-keystore-'));
  writeFileSync(path('signed.txt'), SIGNED_DATA);
  const genKek = keytool(
    dir,
    '-genkeypair',
    '-alias',
    'kek-main',
    '-keyalg',
    'RSA',
    '-keysize',
    '2048',
    '-dname',
    'CN=KEK Main,O=Custos IT',
    '-validity',
    '365',
    '-storetype',
    'PKCS12',
    '-keystore',
    'kt.p12',
    '-storepass',
    SP,
  );
  const genDk = keytool(
    dir,
    '-genseckey',
    '-alias',
    'tape-dk-1',
    '-keyalg',
    'AES',
    '-keysize',
    '256',
    '-storetype',
    'JCEKS',
    '-keystore',
    'kt.jceks',
    '-storepass',
    SP,
    '-keypass',
    SP,
  ).then(() =>
    keytool(
      dir,
      '-genseckey',
      '-alias',
      'tape-dk-2',
      '-keyalg',
      'AES',
      '-keysize',
      '256',
      '-storetype',
      'JCEKS',
      '-keystore',
      'kt.jceks',
      '-storepass',
      SP,
      '-keypass',
      DK2_PASS,
    ),
  );
  const opensslSide = (async () => {
    await openssl(
      dir,
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-subj',
      '/CN=Integration CA',
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-out',
      'ca.pem',
    );
    await openssl(dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'leaf.sec1');
    await openssl(dir, 'req', '-new', '-key', 'leaf.sec1', '-subj', '/CN=Drive 3592 Leaf', '-out', 'leaf.csr');
    await openssl(
      dir,
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '30',
      '-out',
      'leaf.pem',
    );
    await Promise.all([
      openssl(
        dir,
        'pkcs12',
        '-export',
        '-name',
        'drive-leaf',
        '-inkey',
        'leaf.sec1',
        '-in',
        'leaf.pem',
        '-certfile',
        'ca.pem',
        '-passout',
        `pass:${SP}`,
        '-out',
        'os.p12',
      ),
      openssl(
        dir,
        'pkcs12',
        '-export',
        '-legacy',
        '-name',
        'drive-leaf',
        '-inkey',
        'leaf.sec1',
        '-in',
        'leaf.pem',
        '-certfile',
        'ca.pem',
        '-passout',
        `pass:${SP}`,
        '-out',
        'os-legacy.p12',
      ),
    ]);
  })();
  await Promise.all([genKek, opensslSide]);
  await keytool(
    dir,
    '-importcert',
    '-noprompt',
    '-alias',
    'peer-ca',
    '-file',
    'ca.pem',
    '-storetype',
    'PKCS12',
    '-keystore',
    'kt.p12',
    '-storepass',
    SP,
  );
  await Promise.all([
    genDk.then(() =>
      keytool(
        dir,
        '-importkeystore',
        '-srckeystore',
        'kt.p12',
        '-srcstorepass',
        SP,
        '-destkeystore',
        'kt.jceks',
        '-deststoretype',
        'JCEKS',
        '-deststorepass',
        SP,
      ),
    ),
    keytool(
      dir,
      '-importkeystore',
      '-srckeystore',
      'kt.p12',
      '-srcstorepass',
      SP,
      '-destkeystore',
      'kt.jks',
      '-deststoretype',
      'JKS',
      '-deststorepass',
      SP,
    ),
    keytool(
      dir,
      '-J-Dkeystore.pkcs12.legacy',
      '-importkeystore',
      '-srckeystore',
      'kt.p12',
      '-srcstorepass',
      SP,
      '-destkeystore',
      'kt-legacy.p12',
      '-deststoretype',
      'PKCS12',
      '-deststorepass',
      SP,
    ),
    keytool(
      dir,
      '-importkeystore',
      '-srckeystore',
      'os.p12',
      '-srcstoretype',
      'PKCS12',
      '-srcstorepass',
      SP,
      '-destkeystore',
      'os-chain.jks',
      '-deststoretype',
      'JKS',
      '-deststorepass',
      SP,
    ),
  ]);
  keytoolDump = await javaDump(dir, [
    { type: 'PKCS12', file: 'kt.p12', storePassword: SP },
    { type: 'PKCS12', file: 'kt-legacy.p12', storePassword: SP },
    { type: 'JKS', file: 'kt.jks', storePassword: SP },
    { type: 'JKS', file: 'os-chain.jks', storePassword: SP },
    { type: 'JCEKS', file: 'kt.jceks', storePassword: SP, keyPasswords: { 'tape-dk-2': DK2_PASS } },
  ]);
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('files keytool and OpenSSL make', () => {
  const cases = [
    ['kt.p12', 'PKCS12', 'pkcs12'],
    ['kt-legacy.p12', 'PKCS12', 'pkcs12'],
    ['kt.jks', 'JKS', 'jks'],
    ['os-chain.jks', 'JKS', 'jks'],
    ['kt.jceks', 'JCEKS', 'jceks'],
  ] as const;

  it('read with every entry intact: same aliases, types and fingerprints as keytool -list -v, same keys as Java', async () => {
    const listings = await Promise.all(cases.map(([file, type]) => keytoolList(dir, file, type, SP)));
    for (const [index, [file, , format]] of cases.entries()) {
      const contents = contentsOf(file);
      expect(contents.format).toBe(format);
      expect(listedFromOurs(contents), file).toEqual(listings[index]);
      expectJavaSees(keytoolDump, file, contents);
    }
    expect(listedFromOurs(contentsOf('kt.jceks')).map((e) => e.type)).toEqual([
      'PrivateKeyEntry',
      'trustedCertEntry',
      'SecretKeyEntry',
      'SecretKeyEntry',
    ]);
    expect(keyOf(contentsOf('os-chain.jks'), 'drive-leaf').certificateChain).toHaveLength(2);
  });

  it('private keys we parse sign data that OpenSSL verifies with the certificate', async () => {
    await Promise.all([
      expectOpensslVerifies('kt-p12', keyOf(contentsOf('kt.p12'), 'kek-main')),
      expectOpensslVerifies('kt-legacy', keyOf(contentsOf('kt-legacy.p12'), 'kek-main')),
      expectOpensslVerifies('kt-jks', keyOf(contentsOf('kt.jks'), 'kek-main')),
      expectOpensslVerifies('kt-jceks', keyOf(contentsOf('kt.jceks'), 'kek-main')),
      expectOpensslVerifies('os-chain-jks', keyOf(contentsOf('os-chain.jks'), 'drive-leaf')),
    ]);
  });

  it('OpenSSL PKCS#12, modern and -legacy, read with the EC key and its chain; fingerprints match openssl x509', async () => {
    const [leafFingerprint, caFingerprint] = await Promise.all([
      opensslFingerprint(dir, 'leaf.pem', 'PEM'),
      opensslFingerprint(dir, 'ca.pem', 'PEM'),
    ]);
    for (const file of ['os.p12', 'os-legacy.p12']) {
      const key = keyOf(contentsOf(file), 'drive-leaf');
      expect(key.certificateChain.map(fingerprint), file).toEqual([leafFingerprint, caFingerprint]);
      await expectOpensslVerifies(file, key);
    }
  });

  it('the AES keys in keytool’s JCEKS are the ones keytool itself exports to PKCS#12', async () => {
    await keytool(
      dir,
      '-importkeystore',
      '-srckeystore',
      'kt.jceks',
      '-srcstoretype',
      'JCEKS',
      '-srcstorepass',
      SP,
      '-srcalias',
      'tape-dk-1',
      '-destkeystore',
      'dk-converted.p12',
      '-deststoretype',
      'PKCS12',
      '-deststorepass',
      SP,
    );
    const jceks = contentsOf('kt.jceks');
    const converted = readKeystore(bytes('dk-converted.p12'), { storePassword: SP });
    expect(secretOf(converted, 'tape-dk-1').key.equals(secretOf(jceks, 'tape-dk-1').key)).toBe(true);
    expect(secretOf(jceks, 'tape-dk-1').key).toHaveLength(32);
  });
});

describe('files we write', () => {
  let entries: KeystoreEntry[] = [];
  let dump: DumpedEntry[] = [];

  beforeAll(async () => {
    const fromKeytool = contentsOf('kt.jceks');
    const fromOpenssl = contentsOf('os.p12');
    entries = [
      ...fromKeytool.entries,
      ...fromOpenssl.entries,
      {
        kind: 'secret-key',
        alias: 'Finance GL Key 1',
        algorithm: 'AES',
        key: randomBytes(32),
        createdAt: new Date(Date.UTC(2025, 0, 2)),
      },
      { kind: 'secret-key', alias: 'mac-key', algorithm: 'HmacSHA256', key: randomBytes(32) },
    ];
    writeFileSync(path('ours.p12'), writePkcs12(entries, { storePassword: SP }));
    writeFileSync(path('ours-legacy.p12'), writePkcs12(entries, { storePassword: SP, protection: 'legacy' }));
    writeFileSync(path('ours.jceks'), writeJceks(entries, { storePassword: SP }));
    writeFileSync(
      path('ours-keypass.jceks'),
      writeJceks(entries, { storePassword: SP, keyPasswords: { 'kek-main': 'kek-own', 'finance gl key 1': 'dk-own' } }),
    );
    writeFileSync(
      path('ours.jks'),
      writeJks(
        entries.filter((e) => e.kind !== 'secret-key'),
        { storePassword: SP },
      ),
    );
    dump = await javaDump(dir, [
      { type: 'PKCS12', file: 'ours.p12', storePassword: SP },
      { type: 'PKCS12', file: 'ours-legacy.p12', storePassword: SP },
      { type: 'JCEKS', file: 'ours.jceks', storePassword: SP },
      {
        type: 'JCEKS',
        file: 'ours-keypass.jceks',
        storePassword: SP,
        keyPasswords: { 'kek-main': 'kek-own', 'finance gl key 1': 'dk-own' },
      },
      { type: 'JKS', file: 'ours.jks', storePassword: SP },
    ]);
  }, 60_000);

  it('keytool -list -v lists our PKCS#12, legacy PKCS#12, JCEKS and JKS, secret keys included', async () => {
    const files = [
      ['ours.p12', 'PKCS12'],
      ['ours-legacy.p12', 'PKCS12'],
      ['ours.jceks', 'JCEKS'],
      ['ours.jks', 'JKS'],
    ] as const;
    const listings = await Promise.all(files.map(([file, type]) => keytoolList(dir, file, type, SP)));
    const expected = listedFromOurs({ format: 'pkcs12', entries });
    expect(listings[0]).toEqual(expected);
    expect(listings[1]).toEqual(expected);
    expect(listings[2]).toEqual(expected);
    expect(listings[3]).toEqual(expected.filter((e) => e.type !== 'SecretKeyEntry'));
    expect(expected.filter((e) => e.type === 'SecretKeyEntry').map((e) => e.alias)).toEqual([
      'finance gl key 1',
      'mac-key',
      'tape-dk-1',
      'tape-dk-2',
    ]);
  });

  it('Java opens every entry we wrote, with the same key bytes, including separate key passwords', () => {
    for (const file of ['ours.p12', 'ours-legacy.p12', 'ours.jceks', 'ours-keypass.jceks'])
      expectJavaSees(dump, file, { format: 'jceks', entries });
    expectJavaSees(dump, 'ours.jks', { format: 'jks', entries: entries.filter((e) => e.kind !== 'secret-key') });
  });

  it('keytool uses our JCEKS entries: -exportcert, and -importkeystore to PKCS#12 with the same passwords', async () => {
    await Promise.all([
      keytool(
        dir,
        '-exportcert',
        '-alias',
        'drive-leaf',
        '-keystore',
        'ours.jceks',
        '-storetype',
        'JCEKS',
        '-storepass',
        SP,
        '-file',
        'exported-leaf.der',
      ),
      keytool(
        dir,
        '-importkeystore',
        '-srckeystore',
        'ours.jceks',
        '-srcstoretype',
        'JCEKS',
        '-srcstorepass',
        SP,
        '-destkeystore',
        'reimported.p12',
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        SP,
      ),
    ]);
    expect(
      bytes('exported-leaf.der').equals(
        keyOf({ format: 'pem', entries }, 'drive-leaf').certificateChain[0] ?? Buffer.alloc(0),
      ),
    ).toBe(true);
    const reimported = readKeystore(bytes('reimported.p12'), { storePassword: SP });
    expect(listedFromOurs(reimported)).toEqual(listedFromOurs({ format: 'pkcs12', entries }));
    for (const alias of ['tape-dk-1', 'tape-dk-2', 'finance gl key 1', 'mac-key']) {
      expect(secretOf(reimported, alias).key.equals(secretOf({ format: 'jceks', entries }, alias).key), alias).toBe(
        true,
      );
    }
    await expectOpensslVerifies('reimported', keyOf(reimported, 'kek-main'));
  });

  it('openssl pkcs12 -info reads our PKCS#12 (the legacy one with -legacy) and rejects a wrong password', async () => {
    await openssl(dir, 'pkcs12', '-info', '-noout', '-in', 'ours.p12', '-passin', `pass:${SP}`);
    await openssl(dir, 'pkcs12', '-info', '-noout', '-legacy', '-in', 'ours-legacy.p12', '-passin', `pass:${SP}`);
    const wrong = await run('openssl', ['pkcs12', '-info', '-noout', '-in', 'ours.p12', '-passin', 'pass:not-it'], dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Mac verify error');
    const keys = await openssl(dir, 'pkcs12', '-in', 'ours.p12', '-passin', `pass:${SP}`, '-nodes', '-nocerts');
    expect(keys.match(/BEGIN PRIVATE KEY/g)).toHaveLength(2);
  });

  it('a private key we export as PEM (plain and encrypted) signs with openssl, and openssl verifies with the certificate', async () => {
    const kek = keyOf({ format: 'pem', entries }, 'kek-main');
    writeFileSync(path('kek.key.pem'), writePrivateKeyPem(kek.privateKeyPkcs8));
    writeFileSync(path('kek.enc.pem'), writePrivateKeyPem(kek.privateKeyPkcs8, { password: 'pem-pass' }));
    writeFileSync(path('kek.crt.pem'), writeCertificatesPem(kek.certificateChain));
    writeFileSync(path('kek.pub.pem'), await openssl(dir, 'x509', '-in', 'kek.crt.pem', '-noout', '-pubkey'));
    await Promise.all([
      openssl(dir, 'dgst', '-sha256', '-sign', 'kek.key.pem', '-out', 'plain.sig', 'signed.txt'),
      openssl(
        dir,
        'dgst',
        '-sha256',
        '-sign',
        'kek.enc.pem',
        '-passin',
        'pass:pem-pass',
        '-out',
        'enc.sig',
        'signed.txt',
      ),
    ]);
    for (const signature of ['plain.sig', 'enc.sig']) {
      expect(
        (await openssl(dir, 'dgst', '-sha256', '-verify', 'kek.pub.pem', '-signature', signature, 'signed.txt')).trim(),
      ).toBe('Verified OK');
    }
    const wrong = await run('openssl', ['pkey', '-in', 'kek.enc.pem', '-passin', 'pass:not-it', '-noout'], dir);
    expect(wrong.code).not.toBe(0);
  });

  it('certificates we export as PEM and DER have the fingerprints openssl computes', async () => {
    const leaf = keyOf({ format: 'pem', entries }, 'drive-leaf');
    const [first, second] = leaf.certificateChain;
    if (first === undefined || second === undefined) throw new Error('chain too short');
    writeFileSync(path('chain-out.pem'), writeCertificatesPem(leaf.certificateChain));
    writeFileSync(path('leaf-out.der'), writeCertificateDer(first));
    expect(await opensslFingerprint(dir, 'leaf-out.der', 'DER')).toBe(fingerprint(first));
    expect(await opensslFingerprint(dir, 'chain-out.pem', 'PEM')).toBe(fingerprint(first));
    const verified = await openssl(dir, 'verify', '-CAfile', 'ca.pem', 'chain-out.pem');
    expect(verified.trim()).toBe('chain-out.pem: OK');
    expect(fingerprint(second)).toBe(await opensslFingerprint(dir, 'ca.pem', 'PEM'));
  });
});
