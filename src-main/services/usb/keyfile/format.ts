import { createHash, timingSafeEqual } from 'node:crypto';
import { KCV_BYTES, keyCheckBytes } from './kcv';
import { fail, CustosError, UsbCode } from '../../../contract';

/**
 * The Custos USB key file, format version 1. All integers big-endian.
 *
 *   offset      size  field
 *   0           8     magic "CUSTOSUK" (ASCII)
 *   8           2     format version = 1
 *   10          16    key set id (UUID, 16 raw bytes)
 *   26          4     generation (>= 1)
 *   30          8     creation time, milliseconds since 1970-01-01 UTC
 *   38          1     key algorithm: 1 = 256-bit access key
 *   39          1     n = name length in bytes
 *   40          n     key set name, UTF-8 (informational: lets a custodian read a stick without the station)
 *   40+n        1     m = serial length in bytes
 *   41+n        m     storage system serial, UTF-8 (informational)
 *   41+n+m      8     key check value: HMAC-SHA256(key, "custos-usb-kcv"), first 8 bytes
 *   49+n+m      32    the key
 *   81+n+m      16    checksum: SHA-256 of every byte before it, first 16 bytes
 *   total 97+n+m bytes
 *
 * Readers check, in order: magic (USB_KEY_FILE_NOT_CUSTOS), version (USB_KEY_FILE_VERSION),
 * length against the layout (USB_KEY_FILE_TRUNCATED when short, USB_KEY_FILE_CORRUPT when
 * long), checksum, algorithm, generation and key check value (USB_KEY_FILE_CORRUPT).
 * A later version may change everything after the version field. docs/usb-key-file.md.
 */
export const KEY_FILE_MAGIC = Buffer.from('CUSTOSUK', 'ascii');
export const KEY_FILE_VERSION = 1;
export const ACCESS_KEY_BYTES = 32;
/** No valid key file is larger; readers never load more than this from a drive. */
export const MAX_KEY_FILE_BYTES = 97 + 255 + 255;
const ALGORITHM_ACCESS_KEY_256 = 1;
const CHECKSUM_BYTES = 16;
const FIXED_HEAD = 40;
const FIXED_BYTES = 97;

export interface KeyFileContent {
  keySetId: string;
  generation: number;
  createdAt: Date;
  keySetName: string;
  serial: string;
  /** 16 upper-case hex digits. */
  kcv: string;
  /** The access key. The caller wipes it (fill(0)) when done. */
  key: Buffer;
}

export function encodeKeyFile(content: KeyFileContent): Buffer {
  if (content.key.length !== ACCESS_KEY_BYTES) throw new RangeError('An access key is 32 bytes.');
  if (!Number.isInteger(content.generation) || content.generation < 1 || content.generation > 0xffffffff)
    throw new RangeError('generation out of range');
  const name = Buffer.from(content.keySetName, 'utf8');
  const serial = Buffer.from(content.serial, 'utf8');
  if (name.length < 1 || name.length > 255 || serial.length > 255)
    throw new RangeError('name or serial too long for the key file');
  const head = Buffer.alloc(FIXED_HEAD);
  KEY_FILE_MAGIC.copy(head, 0);
  head.writeUInt16BE(KEY_FILE_VERSION, 8);
  uuidBytes(content.keySetId).copy(head, 10);
  head.writeUInt32BE(content.generation, 26);
  head.writeBigUInt64BE(BigInt(content.createdAt.getTime()), 30);
  head.writeUInt8(ALGORITHM_ACCESS_KEY_256, 38);
  head.writeUInt8(name.length, 39);
  const body = Buffer.concat([
    head,
    name,
    Buffer.from([serial.length]),
    serial,
    keyCheckBytes(content.key),
    content.key,
  ]);
  const file = Buffer.concat([body, checksum(body)]);
  body.fill(0);
  return file;
}

/** Parses and checks a key file; throws a CustosError with one of the USB_KEY_FILE_* codes. */
export function decodeKeyFile(bytes: Buffer, where: string): KeyFileContent {
  if (bytes.length < KEY_FILE_MAGIC.length) {
    if (bytes.length > 0 && KEY_FILE_MAGIC.subarray(0, bytes.length).equals(bytes))
      throw truncated(where, bytes.length);
    throw notCustos(where);
  }
  if (!bytes.subarray(0, KEY_FILE_MAGIC.length).equals(KEY_FILE_MAGIC)) throw notCustos(where);
  if (bytes.length < 10) throw truncated(where, bytes.length);
  const version = bytes.readUInt16BE(8);
  if (version !== KEY_FILE_VERSION) {
    fail(
      UsbCode.KeyFileVersion,
      `${where} is a Custos key file of format ${version}; this Custos reads format ${KEY_FILE_VERSION}.${version > KEY_FILE_VERSION ? ' Update Custos on this station.' : ''}`,
    );
  }
  if (bytes.length < FIXED_HEAD + 1) throw truncated(where, bytes.length);
  const nameLength = bytes.readUInt8(39);
  if (bytes.length < FIXED_HEAD + nameLength + 1) throw truncated(where, bytes.length);
  const serialLength = bytes.readUInt8(FIXED_HEAD + nameLength);
  const expected = FIXED_BYTES + nameLength + serialLength;
  if (bytes.length < expected) throw truncated(where, bytes.length);
  if (bytes.length > expected) throw corrupt(where, `it has ${bytes.length - expected} bytes more than its layout`);
  const body = bytes.subarray(0, expected - CHECKSUM_BYTES);
  if (!timingSafeEqual(checksum(body), bytes.subarray(expected - CHECKSUM_BYTES)))
    throw corrupt(where, 'its checksum does not match its content');
  if (bytes.readUInt8(38) !== ALGORITHM_ACCESS_KEY_256) throw corrupt(where, 'it names an unknown key algorithm');
  const generation = bytes.readUInt32BE(26);
  if (generation < 1) throw corrupt(where, 'it claims generation 0');
  const keySetName = strictUtf8(bytes.subarray(FIXED_HEAD, FIXED_HEAD + nameLength), where);
  const serialStart = FIXED_HEAD + nameLength + 1;
  const serial = strictUtf8(bytes.subarray(serialStart, serialStart + serialLength), where);
  const kcvStart = serialStart + serialLength;
  const kcv = bytes.subarray(kcvStart, kcvStart + KCV_BYTES);
  const key = Buffer.from(bytes.subarray(kcvStart + KCV_BYTES, kcvStart + KCV_BYTES + ACCESS_KEY_BYTES));
  if (!timingSafeEqual(keyCheckBytes(key), kcv)) {
    key.fill(0);
    throw corrupt(where, 'its key does not match its key check value');
  }
  return {
    keySetId: uuidString(bytes.subarray(10, 26)),
    generation,
    createdAt: new Date(Number(bytes.readBigUInt64BE(30))),
    keySetName,
    serial,
    kcv: kcv.toString('hex').toUpperCase(),
    key,
  };
}

function checksum(body: Buffer): Buffer {
  return createHash('sha256').update(body).digest().subarray(0, CHECKSUM_BYTES);
}

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError('key set id is not a UUID');
  return Buffer.from(hex, 'hex');
}

function uuidString(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function strictUtf8(bytes: Buffer, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw corrupt(where, 'its name or serial is not valid text');
  }
}

function notCustos(where: string) {
  return new CustosError(UsbCode.KeyFileNotCustos, `${where} is not a Custos key file.`);
}

function truncated(where: string, length: number) {
  return new CustosError(
    UsbCode.KeyFileTruncated,
    `${where} is cut short (${length} bytes): the copy was interrupted or the drive is failing. Do not rely on it.`,
  );
}

function corrupt(where: string, why: string) {
  return new CustosError(UsbCode.KeyFileCorrupt, `${where} is damaged: ${why}. Do not rely on this copy.`);
}
