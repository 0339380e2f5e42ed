import type { X509Certificate } from 'node:crypto';
import { AliasBook } from '../alias-book';
import { DerCursor, DerTag, decodeDer, readOctets, readOid, type DerElement } from '../asn1/der-reader';
import { Oid } from '../asn1/oids';
import { DecryptionFailed } from '../crypto/block-cipher';
import { certificateCommonName, orderChain, parseCertificate, privateKeyMatchesCertificate } from '../certificate';
import { wipeKeystoreEntries, type KeystoreEntry } from '../model';
import { loadPrivateKey, looksLikePrivateKeyInfo } from '../private-key';
import { creationDateFromLocalKeyId, type SafeBag } from './safe-bags';
import { decodeSecretKeyInfo } from './secret-key-bag';
import { contentPasswordError, decryptShrouded } from './shrouded';
import { fail, KeystoreFileCode } from '../../../../contract';

interface KeyFound {
  readonly pkcs8: Buffer;
  readonly bag: SafeBag;
}

interface CertificateFound {
  readonly der: Buffer;
  readonly bag: SafeBag;
  readonly cert: X509Certificate;
}

/**
 * Turns decrypted bags into entries: keys are matched to certificates by localKeyId, else by
 * public key; certificates outside every chain, or marked trusted by Java, are trusted entries.
 */
export function entriesFromBags(bags: readonly SafeBag[], password: string, macChecked: boolean): KeystoreEntry[] {
  const keys: KeyFound[] = [];
  const certificates: CertificateFound[] = [];
  const entries: KeystoreEntry[] = [];
  const aliases = new AliasBook();
  try {
    for (const [index, bag] of bags.entries()) {
      const label = bag.friendlyName ?? `bag ${index + 1}`;
      if (bag.bagId === Oid.keyBag) {
        keys.push({ pkcs8: Buffer.from(bag.value.encoded), bag });
      } else if (bag.bagId === Oid.pkcs8ShroudedKeyBag) {
        keys.push({ pkcs8: openShrouded(bag.value, password, macChecked, label), bag });
      } else if (bag.bagId === Oid.certBag) {
        const der = certificateFromBag(bag.value, label);
        certificates.push({ der, bag, cert: parseCertificate(der, `the certificate in ${label}`) });
      } else if (bag.bagId === Oid.secretBag) {
        entries.push(
          secretKeyFromBag(bag, password, macChecked, aliases.claim(bag.friendlyName, `secret-key-${index + 1}`)),
        );
      } else {
        const type = bag.bagId === Oid.crlBag ? 'a certificate revocation list' : `bag type ${bag.bagId}`;
        fail(
          KeystoreFileCode.UnsupportedEntry,
          `The PKCS#12 entry '${label}' is ${type}, which this app does not carry.`,
        );
      }
    }
    // By content: one certificate may sit in several bags (keytool writes a CA both trusted and as chain member).
    const inChains = new Set<string>();
    for (const [index, key] of keys.entries()) {
      const fallback = `key-${index + 1}`;
      const provisional = key.bag.friendlyName ?? fallback;
      loadPrivateKey(key.pkcs8, provisional);
      const leaf = findLeaf(key, certificates);
      const chain =
        leaf === undefined
          ? []
          : orderChain(
              leaf.der,
              certificates.map((c) => c.der),
            );
      for (const der of chain) inChains.add(der.toString('hex'));
      const leafName = leaf === undefined ? undefined : (leaf.bag.friendlyName ?? certificateCommonName(leaf.cert));
      entries.push({
        kind: 'private-key',
        alias: aliases.claim(key.bag.friendlyName ?? leafName, fallback),
        createdAt: creationDateFromLocalKeyId(key.bag.localKeyId),
        privateKeyPkcs8: key.pkcs8,
        certificateChain: chain.map((der) => Buffer.from(der)),
      });
    }
    for (const [index, found] of certificates.entries()) {
      if (!found.bag.trusted && inChains.has(found.der.toString('hex'))) continue;
      entries.push({
        kind: 'trusted-certificate',
        alias: aliases.claim(found.bag.friendlyName ?? certificateCommonName(found.cert), `certificate-${index + 1}`),
        createdAt: creationDateFromLocalKeyId(found.bag.localKeyId),
        certificate: Buffer.from(found.der),
      });
    }
    return entries;
  } catch (e) {
    for (const key of keys) key.pkcs8.fill(0);
    wipeKeystoreEntries(entries);
    throw e;
  }
}

function openShrouded(value: DerElement, password: string, macChecked: boolean, label: string): Buffer {
  try {
    const plain = decryptShrouded(value, password);
    if (looksLikePrivateKeyInfo(plain)) return plain;
    plain.fill(0);
  } catch (e) {
    if (!(e instanceof DecryptionFailed)) throw e;
  }
  throw contentPasswordError(macChecked, `private key '${label}'`);
}

function certificateFromBag(value: DerElement, label: string): Buffer {
  const certBag = new DerCursor(value, `the certificate bag ${label}`);
  const certType = readOid(certBag.next(DerTag.Oid, 'type'));
  if (certType !== Oid.x509Certificate) {
    fail(
      KeystoreFileCode.UnsupportedEntry,
      `The PKCS#12 entry '${label}' holds a certificate of type ${certType}; only X.509 is carried.`,
    );
  }
  const wrapper = new DerCursor(certBag.next(0xa0, 'value'), `the certificate bag ${label}`, 0xa0);
  const der = readOctets(wrapper.next(DerTag.OctetString, 'certificate'), 'certificate');
  wrapper.end();
  certBag.end();
  return der;
}

function secretKeyFromBag(bag: SafeBag, password: string, macChecked: boolean, alias: string): KeystoreEntry {
  const secretBag = new DerCursor(bag.value, `the secret bag '${alias}'`);
  const secretType = readOid(secretBag.next(DerTag.Oid, 'type'));
  if (secretType !== Oid.pkcs8ShroudedKeyBag) {
    fail(
      KeystoreFileCode.UnsupportedEntry,
      `The PKCS#12 entry '${alias}' is a secret of type ${secretType}, which this app does not carry.`,
    );
  }
  const wrapper = new DerCursor(secretBag.next(0xa0, 'value'), `the secret bag '${alias}'`, 0xa0);
  const encrypted = readOctets(wrapper.next(DerTag.OctetString, 'value'), 'secret value');
  wrapper.end();
  secretBag.end();
  let plain: Buffer;
  try {
    plain = decryptShrouded(decodeDer(encrypted), password);
  } catch (e) {
    if (e instanceof DecryptionFailed) throw contentPasswordError(macChecked, `secret key '${alias}'`);
    throw e;
  }
  try {
    const { algorithm, key } = decodeSecretKeyInfo(plain, alias);
    return { kind: 'secret-key', alias, createdAt: creationDateFromLocalKeyId(bag.localKeyId), algorithm, key };
  } finally {
    plain.fill(0);
  }
}

function findLeaf(key: KeyFound, certificates: readonly CertificateFound[]): CertificateFound | undefined {
  const keyId = key.bag.localKeyId;
  if (keyId !== undefined) {
    const byId = certificates.find((c) => c.bag.localKeyId?.equals(keyId) === true);
    if (byId !== undefined) return byId;
  }
  return certificates.find((c) => privateKeyMatchesCertificate(key.pkcs8, c.der));
}
