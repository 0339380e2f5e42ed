import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readKeystore, type PrivateKeyEntry } from '../../../../src-main/services/keystore/formats';
import {
  bmpString,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  sequence,
  setOf,
} from '../../../../src-main/services/keystore/formats/asn1/der-writer';
import { Oid } from '../../../../src-main/services/keystore/formats/asn1/oids';
import { computePfxMac } from '../../../../src-main/services/keystore/formats/pkcs12/mac';
import { FIXTURE_PASSWORD, expectKeystoreError, goodFixture } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

const PASSWORD = 'structure-pass';

function pair(): PrivateKeyEntry {
  const found = readKeystore(goodFixture('key-and-chain.pem')).entries.find(
    (e): e is PrivateKeyEntry => e.kind === 'private-key',
  );
  if (found === undefined) throw new Error('no key');
  return found;
}

function friendly(name: string): Buffer {
  return setOf(sequence(oid(Oid.friendlyName), setOf(bmpString(name))));
}

/** A PFX with the given bags in one plain SafeContents, MACed with SHA-256 unless `mac` is false. */
function pfx(
  bags: Buffer[],
  mac: { digest: 'sha256' | 'sha1'; oid: string } | false = { digest: 'sha256', oid: Oid.sha256 },
): Buffer {
  const authSafe = sequence(sequence(oid(Oid.pkcs7Data), explicit(0, octetString(sequence(...bags)))));
  const content = sequence(oid(Oid.pkcs7Data), explicit(0, octetString(authSafe)));
  if (mac === false) return sequence(integer(3), content);
  const salt = randomBytes(8);
  const value = computePfxMac(authSafe, PASSWORD, salt, 2048, mac.digest);
  return sequence(
    integer(3),
    content,
    sequence(sequence(sequence(oid(mac.oid), nullValue()), octetString(value)), octetString(salt), integer(2048)),
  );
}

function keyBag(pkcs8: Buffer, name: string): Buffer {
  return sequence(oid(Oid.keyBag), explicit(0, pkcs8), friendly(name));
}

function certBag(der: Buffer): Buffer {
  return sequence(oid(Oid.certBag), explicit(0, sequence(oid(Oid.x509Certificate), explicit(0, octetString(der)))));
}

describe('PKCS#12 structures other writers produce', () => {
  const key = pair();

  it('reads unencrypted key bags, without a MAC, and builds the chain by public key', () => {
    const bytes = pfx([keyBag(key.privateKeyPkcs8, 'no-mac-key'), ...key.certificateChain.map(certBag)], false);
    const contents = readKeystore(bytes, { storePassword: PASSWORD });
    expect(contents.entries.map((e) => `${e.alias}:${e.kind}`)).toEqual(['no-mac-key:private-key']);
    const entry = contents.entries[0];
    if (entry?.kind !== 'private-key') throw new Error('no key');
    expect(entry.certificateChain.map((c) => c.toString('hex'))).toEqual(
      key.certificateChain.map((c) => c.toString('hex')),
    );
  });

  it('reads a BER indefinite-length PFX', () => {
    const der = pfx([keyBag(key.privateKeyPkcs8, 'ber-key'), ...key.certificateChain.map(certBag)]);
    const header = der[1] === 0x82 ? 4 : der[1] === 0x81 ? 3 : 2;
    const ber = Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(header), Buffer.from([0, 0])]);
    expect(readKeystore(ber, { storePassword: PASSWORD }).entries.map((e) => e.alias)).toEqual(['ber-key']);
  });

  it('names the alias and the type of a bag it does not carry', () => {
    const crl = sequence(
      oid(Oid.crlBag),
      explicit(0, sequence(oid('1.2.840.113549.1.9.23.1'), explicit(0, octetString(Buffer.from([0x30, 0x00]))))),
      friendly('revoked-list'),
    );
    const message = expectKeystoreError(
      () => readKeystore(pfx([crl]), { storePassword: PASSWORD }),
      KeystoreFileCode.UnsupportedEntry,
      [PASSWORD],
    );
    expect(message).toContain("'revoked-list'");
    expect(message).toContain('certificate revocation list');
    const strange = sequence(oid('1.2.3.4.5'), explicit(0, nullValue()), friendly('odd-bag'));
    expect(
      expectKeystoreError(
        () => readKeystore(pfx([strange]), { storePassword: PASSWORD }),
        KeystoreFileCode.UnsupportedEntry,
      ),
    ).toContain('1.2.3.4.5');
  });

  it('refuses a MAC or a content protection it does not implement', () => {
    const bytes = pfx([keyBag(key.privateKeyPkcs8, 'k')], { digest: 'sha256', oid: '1.2.840.113549.2.5' });
    expectKeystoreError(() => readKeystore(bytes, { storePassword: PASSWORD }), KeystoreFileCode.UnsupportedProtection);
    const enveloped = sequence(
      integer(3),
      sequence(
        oid(Oid.pkcs7Data),
        explicit(0, octetString(sequence(sequence(oid('1.2.840.113549.1.7.3'), explicit(0, sequence()))))),
      ),
    );
    expectKeystoreError(
      () => readKeystore(enveloped, { storePassword: PASSWORD }),
      KeystoreFileCode.UnsupportedProtection,
    );
  });

  it('reads keytool and OpenSSL files with the password given as the store password only', () => {
    expect(readKeystore(goodFixture('openssl-modern.p12'), { storePassword: FIXTURE_PASSWORD }).entries).toHaveLength(
      1,
    );
  });
});
