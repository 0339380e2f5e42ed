import { MalformedError } from '../errors';
import { JavaDataReader, JavaDataWriter } from './data-stream';
import { INTEGRITY_DIGEST_BYTES } from './keystore-integrity';
import { readSealedSecretKey, type SealedSecretKey } from './sealed-secret-key';
import { fail, KeystoreFileCode } from '../../../../contract';

/** The container shared by JKS (magic feedfeed) and JCEKS (magic cececece); only JCEKS has tag 3. */
export const JavaKeystoreMagic = { jks: 0xfeedfeed, jceks: 0xcececece } as const;
export type JavaKeystoreKind = keyof typeof JavaKeystoreMagic;

export interface StoredPrivateKey {
  readonly tag: 'private-key';
  readonly alias: string;
  readonly createdAt: Date;
  /** EncryptedPrivateKeyInfo DER under Sun's key protector. */
  readonly protectedKey: Buffer;
  readonly chain: readonly StoredCertificate[];
}

export interface StoredTrustedCertificate {
  readonly tag: 'trusted-certificate';
  readonly alias: string;
  readonly createdAt: Date;
  readonly certificate: StoredCertificate;
}

export interface StoredSecretKey {
  readonly tag: 'secret-key';
  readonly alias: string;
  readonly createdAt: Date;
  readonly sealed: SealedSecretKey;
}

export interface StoredCertificate {
  /** The JCA certificate type; keystores only ever hold 'X.509'. */
  readonly type: string;
  readonly der: Buffer;
}

export type StoredRecord = StoredPrivateKey | StoredTrustedCertificate | StoredSecretKey;

export interface StoredKeystore {
  readonly records: StoredRecord[];
  /** Everything the integrity digest covers. */
  readonly body: Buffer;
  readonly digest: Buffer;
}

const MAX_TIMESTAMP_MS = 8.64e15;

/** Splits the file into records and the trailing digest; structure only, nothing is decrypted. */
export function parseJavaKeystore(bytes: Buffer, kind: JavaKeystoreKind): StoredKeystore {
  const reader = new JavaDataReader(bytes);
  reader.u32('the magic number');
  const version = reader.i32('the version');
  if (version !== 1 && version !== 2)
    throw new MalformedError(`its version is ${version}; only versions 1 and 2 exist`);
  const count = reader.i32('the entry count');
  if (count < 0) throw new MalformedError('its entry count is negative');
  const records: StoredRecord[] = [];
  for (let i = 0; i < count; i++) records.push(readRecord(reader, kind, version, i));
  const bodyEnd = reader.offset;
  if (reader.remaining < INTEGRITY_DIGEST_BYTES)
    throw new MalformedError('it ends before its integrity digest (the file is truncated)');
  if (reader.remaining > INTEGRITY_DIGEST_BYTES)
    throw new MalformedError(
      `${reader.remaining - INTEGRITY_DIGEST_BYTES} unexpected bytes follow its integrity digest`,
    );
  return { records, body: bytes.subarray(0, bodyEnd), digest: bytes.subarray(bodyEnd) };
}

function readRecord(reader: JavaDataReader, kind: JavaKeystoreKind, version: number, index: number): StoredRecord {
  const tag = reader.i32(`the type of entry ${index + 1}`);
  const alias = reader.utf(`the alias of entry ${index + 1}`);
  if (tag !== 1 && tag !== 2 && !(tag === 3 && kind === 'jceks')) {
    const known = tag === 3 ? 'a secret key, which JKS cannot hold' : 'a type this app does not know';
    fail(KeystoreFileCode.UnsupportedEntry, `The entry '${alias}' has type tag ${tag} (${known}).`);
  }
  const createdAt = timestamp(reader.i64(`the creation date of '${alias}'`), alias);
  if (tag === 1) {
    const protectedKey = reader.block(`the protected key of '${alias}'`);
    const chainLength = reader.i32(`the certificate count of '${alias}'`);
    if (chainLength < 0 || chainLength > reader.remaining)
      throw new MalformedError(`the certificate count of '${alias}' is impossible`);
    const chain: StoredCertificate[] = [];
    for (let j = 0; j < chainLength; j++) chain.push(readCertificate(reader, version, alias));
    return { tag: 'private-key', alias, createdAt, protectedKey, chain };
  }
  if (tag === 2)
    return { tag: 'trusted-certificate', alias, createdAt, certificate: readCertificate(reader, version, alias) };
  return { tag: 'secret-key', alias, createdAt, sealed: readSealedSecretKey(reader, alias) };
}

function readCertificate(reader: JavaDataReader, version: number, alias: string): StoredCertificate {
  const type = version === 2 ? reader.utf(`a certificate type of '${alias}'`) : 'X.509';
  return { type, der: reader.block(`a certificate of '${alias}'`) };
}

function timestamp(ms: bigint, alias: string): Date {
  if (ms < -BigInt(MAX_TIMESTAMP_MS) || ms > BigInt(MAX_TIMESTAMP_MS))
    throw new MalformedError(`the creation date of '${alias}' is out of range`);
  return new Date(Number(ms));
}

/** A record ready to write: keys already protected, secret keys already sealed. */
export type WritableRecord =
  | {
      readonly tag: 'private-key';
      readonly alias: string;
      readonly createdAt: Date;
      readonly protectedKey: Buffer;
      readonly chain: readonly Buffer[];
    }
  | {
      readonly tag: 'trusted-certificate';
      readonly alias: string;
      readonly createdAt: Date;
      readonly certificate: Buffer;
    }
  | {
      readonly tag: 'secret-key';
      readonly alias: string;
      readonly createdAt: Date;
      readonly sealedObjectStream: Buffer;
    };

/** Writes the version 2 body (no digest); the caller appends the integrity digest. */
export function writeJavaKeystoreBody(kind: JavaKeystoreKind, records: readonly WritableRecord[]): Buffer {
  const out = new JavaDataWriter().u32(JavaKeystoreMagic[kind]).i32(2).i32(records.length);
  for (const record of records) {
    const tag = record.tag === 'private-key' ? 1 : record.tag === 'trusted-certificate' ? 2 : 3;
    out.i32(tag).utf(record.alias).i64(BigInt(record.createdAt.getTime()));
    if (record.tag === 'private-key') {
      out.block(record.protectedKey).i32(record.chain.length);
      for (const cert of record.chain) out.utf('X.509').block(cert);
    } else if (record.tag === 'trusted-certificate') {
      out.utf('X.509').block(record.certificate);
    } else {
      out.raw(record.sealedObjectStream);
    }
  }
  return out.toBuffer();
}
