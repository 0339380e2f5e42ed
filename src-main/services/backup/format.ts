import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { BackupCode, fail } from '../../contract';
import { ArchiveHeaderSchema } from './header';
import type { ArchiveHeader } from './header';

/** docs/backup-format.md is the reference for every byte here. */
export const ARCHIVE_MAGIC = Buffer.from('CUSTOSBK', 'ascii');
export const ARCHIVE_VERSION = 1;
export const CHUNK_SIZE = 1024 * 1024;
const PREFIX = 14;
const HEADER_CHECK = 32;
const TAG = 16;
const MAX_HEADER = 64 * 1024 * 1024;

export function keyCheckOf(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update('custos-backup-key-check').digest().subarray(0, 8).toString('hex');
}

/** Chunk i's nonce: its index and whether it is the last, so chunks cannot be reordered, dropped or cut. */
function chunkNonce(index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(index, 4);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

/** The archive: magic, version, header (no secret), the header's SHA-256, then the payload in sealed chunks. */
export function sealArchive(
  header: Omit<ArchiveHeader, 'chunkSize' | 'chunkCount' | 'payloadBytes' | 'keyCheck'>,
  dataKey: Buffer,
  payload: Buffer,
  chunkSize = CHUNK_SIZE,
): Buffer {
  const chunkCount = Math.max(1, Math.ceil(payload.length / chunkSize));
  const full: ArchiveHeader = {
    ...header,
    keyCheck: keyCheckOf(dataKey),
    chunkSize,
    chunkCount,
    payloadBytes: payload.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const prefix = Buffer.alloc(PREFIX);
  ARCHIVE_MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(ARCHIVE_VERSION, 8);
  prefix.writeUInt32BE(headerBytes.length, 10);
  const check = createHash('sha256').update(prefix).update(headerBytes).digest();
  const parts: Buffer[] = [prefix, headerBytes, check];
  for (let i = 0; i < chunkCount; i++) {
    const plain = payload.subarray(i * chunkSize, Math.min(payload.length, (i + 1) * chunkSize));
    const cipher = createCipheriv('aes-256-gcm', dataKey, chunkNonce(i, i === chunkCount - 1));
    cipher.setAAD(check);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(plain.length);
    parts.push(length, cipher.update(plain), cipher.final(), cipher.getAuthTag());
  }
  return Buffer.concat(parts);
}

export interface ParsedArchive {
  header: ArchiveHeader;
  /** The SHA-256 over prefix and header: the associated data of every chunk. */
  headerCheck: Buffer;
  body: Buffer;
}

/** Reads and checks the clear part. No secret is needed, and none is in it. */
export function parseArchive(bytes: Buffer, name: string): ParsedArchive {
  if (bytes.length < ARCHIVE_MAGIC.length) {
    if (ARCHIVE_MAGIC.subarray(0, bytes.length).equals(bytes) && bytes.length > 0)
      fail(BackupCode.Truncated, `${name} is cut short: it ends inside its first bytes.`);
    fail(BackupCode.NotArchive, `${name} is not a Custos backup archive.`);
  }
  if (!bytes.subarray(0, 8).equals(ARCHIVE_MAGIC))
    fail(BackupCode.NotArchive, `${name} is not a Custos backup archive.`);
  if (bytes.length < PREFIX) fail(BackupCode.Truncated, `${name} is cut short: it ends inside its first bytes.`);
  const version = bytes.readUInt16BE(8);
  if (version !== ARCHIVE_VERSION)
    fail(
      BackupCode.VersionUnsupported,
      version > ARCHIVE_VERSION
        ? `${name} is a backup of format version ${version}, newer than this Custos reads (${ARCHIVE_VERSION}); update Custos to restore it.`
        : `${name} claims backup format version ${version}, which no Custos ever wrote.`,
    );
  const headerLength = bytes.readUInt32BE(10);
  if (headerLength > MAX_HEADER) fail(BackupCode.Corrupt, `${name} is damaged: its header length is not plausible.`);
  if (bytes.length < PREFIX + headerLength + HEADER_CHECK)
    fail(BackupCode.Truncated, `${name} is cut short: it ends inside its header.`);
  const headerBytes = bytes.subarray(PREFIX, PREFIX + headerLength);
  const check = createHash('sha256')
    .update(bytes.subarray(0, PREFIX + headerLength))
    .digest();
  if (!check.equals(bytes.subarray(PREFIX + headerLength, PREFIX + headerLength + HEADER_CHECK)))
    fail(BackupCode.Corrupt, `${name} is damaged: its header does not match its checksum. Nothing was read from it.`);
  let json: unknown;
  try {
    json = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    fail(BackupCode.Corrupt, `${name} is damaged: its header is not readable.`);
  }
  const parsed = ArchiveHeaderSchema.safeParse(json);
  if (!parsed.success) fail(BackupCode.Corrupt, `${name} is damaged: its header does not have the expected fields.`);
  return { header: parsed.data, headerCheck: check, body: bytes.subarray(PREFIX + headerLength + HEADER_CHECK) };
}

/** Opens every chunk with the data key; any edited, moved, missing or extra byte fails. Wipe the result after use. */
export function openPayload(archive: ParsedArchive, dataKey: Buffer, name: string): Buffer {
  const { header, body, headerCheck } = archive;
  const out = Buffer.alloc(header.payloadBytes);
  let offset = 0;
  let written = 0;
  try {
    for (let i = 0; i < header.chunkCount; i++) {
      const final = i === header.chunkCount - 1;
      if (offset + 4 > body.length)
        fail(BackupCode.Truncated, `${name} is cut short: chunk ${i + 1} of ${header.chunkCount} is missing.`);
      const length = body.readUInt32BE(offset);
      if (length > header.chunkSize || written + length > header.payloadBytes)
        fail(BackupCode.Corrupt, `${name} is damaged: chunk ${i + 1} has an impossible length.`);
      if (offset + 4 + length + TAG > body.length)
        fail(BackupCode.Truncated, `${name} is cut short: it ends inside chunk ${i + 1} of ${header.chunkCount}.`);
      const decipher = createDecipheriv('aes-256-gcm', dataKey, chunkNonce(i, final));
      decipher.setAAD(headerCheck);
      decipher.setAuthTag(body.subarray(offset + 4 + length, offset + 4 + length + TAG));
      const plain = decipher.update(body.subarray(offset + 4, offset + 4 + length));
      try {
        decipher.final();
      } catch {
        plain.fill(0);
        fail(
          BackupCode.Corrupt,
          `${name} is damaged: chunk ${i + 1} of ${header.chunkCount} fails its integrity check. Nothing was restored.`,
        );
      }
      plain.copy(out, written);
      plain.fill(0);
      written += length;
      offset += 4 + length + TAG;
    }
    if (offset !== body.length) fail(BackupCode.Corrupt, `${name} is damaged: bytes follow its last chunk.`);
    if (written !== header.payloadBytes)
      fail(BackupCode.Corrupt, `${name} is damaged: its contents are shorter than its header says.`);
    return out;
  } catch (e) {
    out.fill(0);
    throw e;
  }
}
