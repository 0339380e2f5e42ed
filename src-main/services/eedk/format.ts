import { constants, createHash, privateDecrypt, publicEncrypt } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CustosError, fail, EedkCode } from '../../contract';

/**
 * EEDK set, format version 1 (all integers big-endian). One file carries the same data key
 * wrapped under one or two KEKs, so either site can read it:
 *
 *   "CEDK"  magic                      4 bytes
 *   0x01    format version             1
 *   n       number of EEDKs (1 or 2)   1
 *   kcv     key check value of the DK  3   (AES-256-ECB of a zero block, first 3 bytes)
 *   n times:
 *     'L' | 'H'  key label encoding    1   (L: clear label, H: SHA-256 of the KEK's SubjectPublicKeyInfo)
 *     k          identifier length     2
 *     id         label (UTF-8) or hash k
 *     w          wrapped length        2
 *     wrapped    RSA-OAEP (SHA-256, MGF1-SHA-256, no label) of the 32-byte data key
 *   check   SHA-256 of all bytes above, first 8 bytes
 */
export type KeyLabelEncoding = 'L' | 'H';

export interface EedkTarget {
  label: string;
  encoding: KeyLabelEncoding;
  publicKey: KeyObject;
  spkiSha256: string;
}

export interface EedkRecord {
  encoding: KeyLabelEncoding;
  /** Encoding L: the label as written at wrap time. */
  label: string | null;
  /** Encoding H: hex SHA-256 of the KEK's SubjectPublicKeyInfo. */
  spkiSha256: string | null;
  wrapped: Buffer;
}

export interface EedkSet {
  kcv: string;
  records: EedkRecord[];
}

const MAGIC = Buffer.from('CEDK', 'ascii');
const VERSION = 1;
const CHECK_BYTES = 8;
export const DATA_KEY_BYTES = 32;
export const MAX_EEDK_FILE_BYTES = 64 * 1024;

export function encodeEedkSet(dataKey: Buffer, kcv: string, targets: EedkTarget[]): Buffer {
  const parts: Buffer[] = [MAGIC, Buffer.from([VERSION, targets.length]), Buffer.from(kcv, 'hex')];
  for (const t of targets) {
    const id = t.encoding === 'L' ? Buffer.from(t.label, 'utf8') : Buffer.from(t.spkiSha256, 'hex');
    const wrapped = publicEncrypt(
      { key: t.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      dataKey,
    );
    parts.push(Buffer.from(t.encoding, 'ascii'), u16(id.length), id, u16(wrapped.length), wrapped);
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha256').update(body).digest().subarray(0, CHECK_BYTES)]);
}

export function decodeEedkSet(bytes: Buffer): EedkSet {
  if (bytes.length > MAX_EEDK_FILE_BYTES) throw corrupt('it is far larger than any EEDK file');
  if (bytes.length < MAGIC.length + 5 + CHECK_BYTES || !bytes.subarray(0, 4).equals(MAGIC)) {
    fail(EedkCode.NotEedk, 'That file is not a Custos EEDK file (it does not start with "CEDK").');
  }
  const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
  if (
    !createHash('sha256')
      .update(body)
      .digest()
      .subarray(0, CHECK_BYTES)
      .equals(bytes.subarray(bytes.length - CHECK_BYTES))
  ) {
    throw corrupt('its checksum does not match: it was truncated or altered');
  }
  if (body[4] !== VERSION)
    fail(
      EedkCode.VersionUnsupported,
      `This EEDK file has format version ${body[4]}; this Custos reads version ${VERSION}.`,
    );
  const count = body[5] ?? 0;
  if (count < 1 || count > 2) throw corrupt(`it claims ${count} EEDKs (1 or 2 expected)`);
  const kcv = body.subarray(6, 9).toString('hex').toUpperCase();
  let at = 9;
  const take = (n: number): Buffer => {
    if (at + n > body.length) throw corrupt('a record runs past the end of the file');
    const slice = body.subarray(at, at + n);
    at += n;
    return slice;
  };
  const records: EedkRecord[] = [];
  for (let i = 0; i < count; i++) {
    const encoding = take(1).toString('ascii');
    if (encoding !== 'L' && encoding !== 'H') throw corrupt(`EEDK ${i + 1} has an unknown label encoding`);
    const id = take(take(2).readUInt16BE(0));
    if (encoding === 'H' && id.length !== 32)
      throw corrupt(`EEDK ${i + 1} has a public key hash of ${id.length} bytes (32 expected)`);
    const wrapped = Buffer.from(take(take(2).readUInt16BE(0)));
    records.push(
      encoding === 'L'
        ? { encoding, label: id.toString('utf8'), spkiSha256: null, wrapped }
        : { encoding, label: null, spkiSha256: id.toString('hex'), wrapped },
    );
  }
  if (at !== body.length) throw corrupt('it has bytes after its last EEDK');
  return { kcv, records };
}

/** null when this key does not open the record (wrong KEK, or the record was altered). */
export function unwrapRecord(record: EedkRecord, privateKey: KeyObject): Buffer | null {
  try {
    const key = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      record.wrapped,
    );
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function corrupt(why: string): CustosError {
  return new CustosError(EedkCode.Corrupt, `That EEDK file cannot be read: ${why}.`);
}
