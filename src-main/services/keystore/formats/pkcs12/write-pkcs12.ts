import { randomBytes } from 'node:crypto';
import {
  bmpString,
  explicit,
  implicitPrimitive,
  integer,
  nullValue,
  octetString,
  oid,
  sequence,
  setOf,
} from '../asn1/der-writer';
import { Oid } from '../asn1/oids';
import { pbeEncrypt, type PbeScheme } from '../crypto/pbe';
import type { DigestName } from '../crypto/pkcs12-kdf';
import type { KeystoreEntry } from '../model';
import { checkEntriesForWriting } from '../write-checks';
import { computePfxMac } from './mac';
import { encodeSecretKeyInfo } from './secret-key-bag';
import { fail, KeystoreFileCode } from '../../../../contract';

/**
 * 'modern' is what keytool 17 writes: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for keys and
 * certificates, HMAC-SHA256 MAC. 'legacy' is pbeWithSHAAnd3-KeyTripleDES-CBC with a SHA-1 MAC,
 * for appliances and old Java that predate PBES2.
 */
export type Pkcs12Protection = 'modern' | 'legacy';

export interface Pkcs12WriteOptions {
  /** The one PKCS#12 password, for MAC and encryption alike (keytool allows no other). */
  readonly storePassword: string;
  readonly protection?: Pkcs12Protection;
  /** Key-derivation iterations for encryption and MAC; keytool 17 writes 10000. */
  readonly iterations?: number;
  /** Creation date for entries that carry none. */
  readonly now?: Date;
}

const SCHEME: Record<Pkcs12Protection, PbeScheme> = { modern: 'pbes2-aes256-sha256', legacy: 'pkcs12-sha1-3des' };
const MAC_DIGEST: Record<Pkcs12Protection, { digest: DigestName; oid: string }> = {
  modern: { digest: 'sha256', oid: Oid.sha256 },
  legacy: { digest: 'sha1', oid: Oid.sha1 },
};

function attributes(friendlyName: string | undefined, localKeyId: Buffer | undefined, trusted: boolean): Buffer[] {
  const out: Buffer[] = [];
  if (friendlyName !== undefined) out.push(sequence(oid(Oid.friendlyName), setOf(bmpString(friendlyName))));
  if (localKeyId !== undefined) out.push(sequence(oid(Oid.localKeyId), setOf(octetString(localKeyId))));
  if (trusted) out.push(sequence(oid(Oid.oracleTrustedKeyUsage), setOf(oid(Oid.anyExtendedKeyUsage))));
  return out;
}

function safeBag(bagId: string, value: Buffer, attrs: Buffer[]): Buffer {
  return sequence(oid(bagId), explicit(0, value), ...(attrs.length > 0 ? [setOf(...attrs)] : []));
}

function certBag(der: Buffer, attrs: Buffer[]): Buffer {
  return safeBag(Oid.certBag, sequence(oid(Oid.x509Certificate), explicit(0, octetString(der))), attrs);
}

function encryptedPrivateKeyInfo(plain: Buffer, password: string, scheme: PbeScheme, iterations: number): Buffer {
  const { algorithm, ciphertext } = pbeEncrypt(scheme, plain, password, iterations);
  return sequence(algorithm, octetString(ciphertext));
}

/** Java's localKeyId carries the creation date; keep ids unique when two entries share a millisecond. */
class LocalKeyIds {
  private readonly used = new Set<number>();

  next(createdAt: Date): Buffer {
    let ms = createdAt.getTime();
    while (this.used.has(ms)) ms++;
    this.used.add(ms);
    return Buffer.from(`Time ${ms}`, 'latin1');
  }
}

/** Writes a PKCS#12 file keytool and OpenSSL both read, secret keys included (Java's secretBag form). */
export function writePkcs12(entries: readonly KeystoreEntry[], options: Pkcs12WriteOptions): Buffer {
  checkEntriesForWriting(entries, 'PKCS#12');
  const protection = options.protection ?? 'modern';
  const iterations = options.iterations ?? 10_000;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 5_000_000) {
    fail(KeystoreFileCode.InvalidEntry, 'The PKCS#12 iteration count must be between 1 and 5000000.');
  }
  const scheme = SCHEME[protection];
  const now = options.now ?? new Date();
  const ids = new LocalKeyIds();
  const keyBags: Buffer[] = [];
  const certBags: Buffer[] = [];
  const chainMembers = new Set<string>();
  // Issuers shared by several chains are written once; leaves and trusted entries carry their own attributes.
  const addChain = (chain: readonly Buffer[], leafAttributes: Buffer[]): void => {
    const [leaf, ...issuers] = chain;
    if (leaf !== undefined) certBags.push(certBag(leaf, leafAttributes));
    for (const der of issuers) {
      const hex = der.toString('hex');
      if (chainMembers.has(hex)) continue;
      chainMembers.add(hex);
      certBags.push(certBag(der, []));
    }
  };
  for (const entry of entries) {
    const createdAt = entry.createdAt ?? now;
    if (entry.kind === 'private-key') {
      const localKeyId = ids.next(createdAt);
      keyBags.push(
        safeBag(
          Oid.pkcs8ShroudedKeyBag,
          encryptedPrivateKeyInfo(entry.privateKeyPkcs8, options.storePassword, scheme, iterations),
          attributes(entry.alias, localKeyId, false),
        ),
      );
      addChain(entry.certificateChain, attributes(entry.alias, localKeyId, false));
    } else if (entry.kind === 'secret-key') {
      const info = encodeSecretKeyInfo(entry.algorithm, entry.key);
      const sealed = encryptedPrivateKeyInfo(info, options.storePassword, scheme, iterations);
      info.fill(0);
      const secretBag = sequence(oid(Oid.pkcs8ShroudedKeyBag), explicit(0, octetString(sealed)));
      keyBags.push(safeBag(Oid.secretBag, secretBag, attributes(entry.alias, ids.next(createdAt), false)));
    } else {
      certBags.push(certBag(entry.certificate, attributes(entry.alias, undefined, true)));
    }
  }
  const contents: Buffer[] = [];
  if (keyBags.length > 0) contents.push(sequence(oid(Oid.pkcs7Data), explicit(0, octetString(sequence(...keyBags)))));
  if (certBags.length > 0) {
    const { algorithm, ciphertext } = pbeEncrypt(scheme, sequence(...certBags), options.storePassword, iterations);
    const encryptedContentInfo = sequence(oid(Oid.pkcs7Data), algorithm, implicitPrimitive(0, ciphertext));
    contents.push(sequence(oid(Oid.pkcs7EncryptedData), explicit(0, sequence(integer(0), encryptedContentInfo))));
  }
  const authSafe = sequence(...contents);
  const mac = MAC_DIGEST[protection];
  const salt = randomBytes(20);
  const macValue = computePfxMac(authSafe, options.storePassword, salt, iterations, mac.digest);
  const macData = sequence(
    sequence(sequence(oid(mac.oid), nullValue()), octetString(macValue)),
    octetString(salt),
    integer(iterations),
  );
  return sequence(integer(3), sequence(oid(Oid.pkcs7Data), explicit(0, octetString(authSafe))), macData);
}
