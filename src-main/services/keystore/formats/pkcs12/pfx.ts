import {
  DerCursor,
  DerTag,
  contextTag,
  decodeDer,
  readImplicitOctets,
  readOctets,
  readOid,
  readSmallInteger,
  type DerElement,
} from '../asn1/der-reader';
import { Oid } from '../asn1/oids';
import { checkIterations, unsupportedProtection } from '../crypto/pbe';
import type { DigestName } from '../crypto/pkcs12-kdf';
import { MalformedError } from '../errors';

/** The outer PFX: the authenticated-safe bytes the MAC covers, and the MAC itself when present. */
export interface Pfx {
  readonly authSafe: Buffer;
  readonly mac?: PfxMac;
}

export interface PfxMac {
  readonly digest: DigestName;
  readonly value: Buffer;
  readonly salt: Buffer;
  readonly iterations: number;
}

/** One ContentInfo of the authenticated safe, before any decryption. */
export type AuthSafePart =
  | { readonly kind: 'plain'; readonly safeContents: Buffer }
  | { readonly kind: 'encrypted'; readonly algorithm: DerElement; readonly ciphertext: Buffer };

const MAC_DIGESTS: Record<string, DigestName> = {
  [Oid.sha1]: 'sha1',
  [Oid.sha224]: 'sha224',
  [Oid.sha256]: 'sha256',
  [Oid.sha384]: 'sha384',
  [Oid.sha512]: 'sha512',
};

/** [0] EXPLICIT around a data ContentInfo's OCTET STRING. */
function dataContent(contentInfo: DerCursor, what: string): Buffer {
  const wrapper = new DerCursor(contentInfo.next(contextTag(0, true), 'content'), what, contextTag(0, true));
  const octets = readOctets(wrapper.nextAny('data'), what);
  wrapper.end();
  return octets;
}

export function parsePfx(bytes: Buffer): Pfx {
  const pfx = new DerCursor(decodeDer(bytes), 'the PFX');
  const version = readSmallInteger(pfx.next(DerTag.Integer, 'version'), 'the PFX version');
  if (version !== 3) throw new MalformedError(`its PFX version is ${version}, not 3`);
  const contentInfo = new DerCursor(pfx.next(DerTag.Sequence, 'authenticated safe'), 'the authenticated safe');
  const contentType = readOid(contentInfo.next(DerTag.Oid, 'content type'));
  if (contentType === Oid.pkcs7SignedData)
    throw unsupportedProtection(contentType, 'PKCS#12 file (public-key integrity mode)');
  if (contentType !== Oid.pkcs7Data) throw new MalformedError('its authenticated safe is not PKCS#7 data');
  const authSafe = dataContent(contentInfo, 'the authenticated safe');
  contentInfo.end();
  const macElement = pfx.optional(DerTag.Sequence);
  pfx.end();
  return macElement === undefined ? { authSafe } : { authSafe, mac: parseMac(macElement) };
}

function parseMac(element: DerElement): PfxMac {
  const macData = new DerCursor(element, 'the MAC data');
  const digestInfo = new DerCursor(macData.next(DerTag.Sequence, 'digest'), 'the MAC digest');
  const algorithm = new DerCursor(digestInfo.next(DerTag.Sequence, 'algorithm'), 'the MAC algorithm');
  const algorithmOid = readOid(algorithm.next(DerTag.Oid, 'identifier'));
  const digest = MAC_DIGESTS[algorithmOid];
  if (digest === undefined) throw unsupportedProtection(algorithmOid, 'PKCS#12 integrity check (MAC)');
  const value = readOctets(digestInfo.next(DerTag.OctetString, 'value'), 'the MAC value');
  digestInfo.end();
  const salt = readOctets(macData.next(DerTag.OctetString, 'salt'), 'the MAC salt');
  const iterationsElement = macData.optional(DerTag.Integer);
  macData.end();
  const iterations =
    iterationsElement === undefined
      ? 1
      : checkIterations(readSmallInteger(iterationsElement, 'MAC iterations'), 'PKCS#12 MAC');
  return { digest, value, salt, iterations };
}

export function parseAuthSafe(authSafe: Buffer): AuthSafePart[] {
  const parts = new DerCursor(decodeDer(authSafe), 'the authenticated safe contents');
  const out: AuthSafePart[] = [];
  while (parts.hasMore()) {
    const contentInfo = new DerCursor(parts.next(DerTag.Sequence, 'content'), 'a PKCS#12 content');
    const contentType = readOid(contentInfo.next(DerTag.Oid, 'content type'));
    if (contentType === Oid.pkcs7Data) {
      out.push({ kind: 'plain', safeContents: dataContent(contentInfo, 'a PKCS#12 data content') });
    } else if (contentType === Oid.pkcs7EncryptedData) {
      const wrapper = new DerCursor(
        contentInfo.next(contextTag(0, true), 'content'),
        'an encrypted content',
        contextTag(0, true),
      );
      const encryptedData = new DerCursor(wrapper.next(DerTag.Sequence, 'encrypted data'), 'an encrypted content');
      wrapper.end();
      readSmallInteger(encryptedData.next(DerTag.Integer, 'version'), 'the encrypted data version');
      const info = new DerCursor(encryptedData.next(DerTag.Sequence, 'content info'), 'the encrypted content info');
      readOid(info.next(DerTag.Oid, 'content type'));
      const algorithm = info.next(DerTag.Sequence, 'algorithm');
      const ciphertext = readImplicitOctets(info.nextAny('encrypted content'), 0, 'the encrypted content');
      info.end();
      out.push({ kind: 'encrypted', algorithm, ciphertext });
    } else {
      throw unsupportedProtection(contentType, 'PKCS#12 content (public-key privacy mode)');
    }
    contentInfo.end();
  }
  return out;
}
