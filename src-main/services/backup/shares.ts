import { createHash, randomBytes } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { BackupCode, fail } from '../../contract';
import type { ShareProtector } from './header';

/**
 * A custodian share as bytes: version, set id, index, M, N, the Shamir share of the data key
 * and a checksum. As text: "CS1-" then base32 in groups of five (docs/backup-format.md).
 */
export interface CustodianShare {
  setId: string;
  index: number;
  threshold: number;
  count: number;
  /** The Shamir share (33 bytes): secret. Wipe after use. */
  share: Buffer;
}

const SHARE_VERSION = 1;
const SHARE_BYTES = 33;
const BODY = 1 + 8 + 3 + SHARE_BYTES;
const TOTAL = BODY + 4;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const SHARE_TEXT_CHARS = Math.ceil((TOTAL * 8) / 5);
const PREFIX = 'CS1';

export function newSetId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export async function splitDataKey(
  dataKey: Buffer,
  setId: string,
  threshold: number,
  count: number,
): Promise<CustodianShare[]> {
  if (!(Number.isInteger(threshold) && Number.isInteger(count) && threshold >= 2 && threshold <= count && count <= 16))
    fail(
      BackupCode.SharesInvalid,
      `Shares must be M of N with 2 <= M <= N <= 16 (so no custodian ever holds enough alone); ${threshold} of ${count} is not.`,
    );
  const parts = await split(new Uint8Array(dataKey), count, threshold);
  return parts.map((p, i) => ({ setId, index: i + 1, threshold, count, share: Buffer.from(p) }));
}

export function encodeShare(share: CustodianShare): string {
  const bytes = Buffer.alloc(TOTAL);
  bytes[0] = SHARE_VERSION;
  Buffer.from(share.setId, 'hex').copy(bytes, 1);
  bytes[9] = share.index;
  bytes[10] = share.threshold;
  bytes[11] = share.count;
  share.share.copy(bytes, 12);
  createHash('sha256').update(bytes.subarray(0, BODY)).digest().copy(bytes, BODY, 0, 4);
  const text = base32(bytes);
  bytes.fill(0);
  return `${PREFIX}-${(text.match(/.{1,5}/g) ?? []).join('-')}`;
}

/** Groups of the share text, e.g. for a printed sheet: "CS1", then lines of four groups. */
export function shareLines(text: string, groupsPerLine = 4): string[] {
  const groups = text.split('-');
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += groupsPerLine) lines.push(groups.slice(i, i + groupsPerLine).join('-'));
  return lines;
}

/**
 * Reads a share from text as typed, printed, or in a share file: finds "CS1", then takes base32
 * characters, ignoring spaces, dashes and line breaks (0, 1 and 8 read as O, I and B).
 */
export function decodeShare(text: string, where: string): CustodianShare {
  const upper = text.toUpperCase();
  const start = upper.indexOf(PREFIX);
  if (start < 0) fail(BackupCode.ShareUnreadable, `${where} holds no Custos backup share (it starts with "CS1-").`);
  let chars = '';
  for (const raw of upper.slice(start + PREFIX.length)) {
    if (chars.length === SHARE_TEXT_CHARS) break;
    if (/[\s-]/.test(raw)) continue;
    const ch = raw === '0' ? 'O' : raw === '1' ? 'I' : raw === '8' ? 'B' : raw;
    if (!ALPHABET.includes(ch))
      fail(
        BackupCode.ShareTypo,
        `${where}: "${raw}" at character ${chars.length + 1} of the share cannot be part of a share; check the typing.`,
      );
    chars += ch;
  }
  if (chars.length < SHARE_TEXT_CHARS)
    fail(
      BackupCode.ShareTypo,
      `${where}: the share is ${chars.length} characters long; a share has ${SHARE_TEXT_CHARS}.`,
    );
  const bytes = unbase32(chars).subarray(0, TOTAL);
  try {
    const sum = createHash('sha256').update(bytes.subarray(0, BODY)).digest().subarray(0, 4);
    if (!sum.equals(bytes.subarray(BODY)))
      fail(BackupCode.ShareTypo, `${where}: the share's checksum does not match; a character was mistyped or misread.`);
    if (bytes[0] !== SHARE_VERSION)
      fail(BackupCode.ShareUnreadable, `${where} is a share of a newer format (${bytes[0] ?? 0}); update Custos.`);
    const threshold = bytes[10] ?? 0;
    const count = bytes[11] ?? 0;
    const index = bytes[9] ?? 0;
    if (!(threshold >= 2 && threshold <= count && count <= 16 && index >= 1 && index <= count))
      fail(BackupCode.ShareUnreadable, `${where}: the share names an impossible place in its set.`);
    return {
      setId: bytes.subarray(1, 9).toString('hex').toUpperCase(),
      index,
      threshold,
      count,
      share: Buffer.from(bytes.subarray(12, 12 + SHARE_BYTES)),
    };
  } finally {
    bytes.fill(0);
  }
}

export interface GivenShare {
  share: CustodianShare;
  /** Where it came from, as the custodian knows it: a file name, "the share typed by Ann". */
  where: string;
}

/** Checks each share against the set before anything is combined; names the wrong one. */
export function checkShareAgainstSet(given: GivenShare, set: ShareProtector, already: readonly GivenShare[]): void {
  const { share, where } = given;
  if (share.setId !== set.setId)
    fail(
      BackupCode.ShareForeign,
      `${where} belongs to share set ${share.setId}, not to this archive's set ${set.setId}; it opens another backup.`,
    );
  if (share.threshold !== set.threshold || share.count !== set.count)
    fail(
      BackupCode.ShareForeign,
      `${where} says ${share.threshold} of ${share.count}; this archive needs ${set.threshold} of ${set.count}.`,
    );
  const twin = already.find((a) => a.share.index === share.index);
  if (twin)
    fail(
      BackupCode.ShareDuplicate,
      `${where} is share ${share.index} of ${share.count}, already given (${twin.where}); a different custodian's share is needed.`,
    );
}

/** Rebuilds the data key from at least M checked shares. The caller checks it against the header. Wipe the result. */
export async function combineShares(given: readonly GivenShare[], set: ShareProtector): Promise<Buffer> {
  const checked: GivenShare[] = [];
  for (const g of given) {
    checkShareAgainstSet(g, set, checked);
    checked.push(g);
  }
  if (checked.length < set.threshold)
    fail(
      BackupCode.SharesTooFew,
      `${checked.length} of the ${set.threshold} shares needed were given (set ${set.setId}, ${set.threshold} of ${set.count}); nothing was decrypted.`,
    );
  const key = await combine(checked.map((g) => new Uint8Array(g.share.share)));
  const out = Buffer.from(key);
  key.fill(0);
  return out;
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer {
  const out = Buffer.alloc(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const ch of text) {
    value = ((value << 5) | ALPHABET.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[i++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
  }
  return out;
}
