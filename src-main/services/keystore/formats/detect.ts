import { DerTag } from './asn1/der-reader';
import { JavaKeystoreMagic } from './java/keystore-body';
import { assertKeystoreSize } from './limits';
import type { KeystoreFormat } from './model';
import { hasPemArmor } from '../../certs';
import { fail, KeystoreFileCode } from '../../../contract';

interface Header {
  readonly tag: number;
  readonly contentStart: number;
  /** May lie past the end of a truncated file; detection only looks at the first bytes. */
  readonly end: number;
}

function headerAt(bytes: Buffer, offset: number): Header | undefined {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) return undefined;
  if (first < 0x80) return { tag, contentStart: offset + 2, end: offset + 2 + first };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || offset + 2 + count > bytes.length)
    return first === 0x80 ? { tag, contentStart: offset + 2, end: Infinity } : undefined;
  const length = bytes.readUIntBE(offset + 2, count);
  return { tag, contentStart: offset + 2 + count, end: offset + 2 + count + length };
}

const PKCS7_CONTENT_TYPE = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07]);

function detectDer(bytes: Buffer): KeystoreFormat | undefined {
  const outer = headerAt(bytes, 0);
  if (outer?.tag !== DerTag.Sequence) return undefined;
  const first = headerAt(bytes, outer.contentStart);
  if (first === undefined) return undefined;
  const second = headerAt(bytes, first.end);
  const firstValue = first.end === first.contentStart + 1 ? bytes[first.contentStart] : undefined;
  if (first.tag === DerTag.Integer && firstValue === 3 && second?.tag === DerTag.Sequence) {
    const contentType = bytes.subarray(second.contentStart, second.contentStart + PKCS7_CONTENT_TYPE.length);
    if (contentType.equals(PKCS7_CONTENT_TYPE)) return 'pkcs12';
  }
  if (first.tag === DerTag.Sequence) {
    const inner = headerAt(bytes, first.contentStart);
    if (inner?.tag === 0xa0 || inner?.tag === DerTag.Integer) return 'der-certificate';
    if (inner?.tag === DerTag.Oid && (second === undefined || second.tag === DerTag.OctetString))
      return 'der-private-key';
    return undefined;
  }
  if (first.tag === DerTag.Integer && (firstValue === 0 || firstValue === 1)) {
    if (second?.tag === DerTag.Sequence || second?.tag === DerTag.Integer || second?.tag === DerTag.OctetString)
      return 'der-private-key';
  }
  return undefined;
}

/**
 * Names the format from the bytes alone: Java magic numbers, PEM armour, or the first fields
 * of the ASN.1 structure. Looks only at the start, so a truncated file is still recognised
 * (and then reported damaged by its reader rather than unknown).
 */
export function detectKeystoreFormat(bytes: Buffer): KeystoreFormat {
  assertKeystoreSize(bytes);
  if (bytes.length >= 4) {
    const magic = bytes.readUInt32BE(0);
    if (magic === JavaKeystoreMagic.jks) return 'jks';
    if (magic === JavaKeystoreMagic.jceks) return 'jceks';
  }
  if (hasPemArmor(bytes)) return 'pem';
  const der = detectDer(bytes);
  if (der !== undefined) return der;
  fail(
    KeystoreFileCode.UnknownFormat,
    'The file is not a keystore this app reads (PKCS#12, JKS, JCEKS, PEM, or a DER certificate or private key).',
  );
}
