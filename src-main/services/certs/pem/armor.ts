import { MalformedError } from './malformed';
import { decodeBase64, encodeBase64Lines } from './base64';

/** One PEM block: its label, its RFC 1421 headers (legacy key encryption) and its decoded bytes. */
export interface PemBlock {
  readonly label: string;
  readonly headers: ReadonlyMap<string, string>;
  /** Decoded DER; a fresh Buffer the caller wipes when it holds a key. */
  readonly der: Buffer;
}

const BEGIN = Buffer.from('-----BEGIN ', 'latin1');
const END = Buffer.from('-----END ', 'latin1');
const DASHES = Buffer.from('-----', 'latin1');

export function hasPemArmor(bytes: Buffer): boolean {
  return bytes.indexOf(BEGIN) >= 0;
}

function labelAt(bytes: Buffer, start: number): { label: string; next: number } {
  const close = bytes.indexOf(DASHES, start);
  const newline = bytes.indexOf(0x0a, start);
  if (close < 0 || (newline >= 0 && newline < close)) throw new MalformedError('a PEM boundary line is cut short');
  const label = bytes.toString('latin1', start, close);
  if (!/^[A-Z0-9 ]{1,64}$/.test(label)) throw new MalformedError('a PEM label is not valid');
  return { label, next: close + DASHES.length };
}

/** Every block in the text, in order; text between blocks (OpenSSL's "Bag Attributes") is ignored. */
export function parsePemBlocks(bytes: Buffer): PemBlock[] {
  const blocks: PemBlock[] = [];
  let position = bytes.indexOf(BEGIN);
  while (position >= 0) {
    const begin = labelAt(bytes, position + BEGIN.length);
    const endAt = bytes.indexOf(END, begin.next);
    if (endAt < 0) throw new MalformedError(`the PEM block ${begin.label} has no END line (the file is cut short)`);
    const nextBegin = bytes.indexOf(BEGIN, begin.next);
    if (nextBegin >= 0 && nextBegin < endAt) throw new MalformedError(`the PEM block ${begin.label} has no END line`);
    const end = labelAt(bytes, endAt + END.length);
    if (end.label !== begin.label) throw new MalformedError(`the PEM block ${begin.label} ends as ${end.label}`);
    const { headers, bodyStart } = readHeaders(bytes, begin.next, endAt);
    blocks.push({ label: begin.label, headers, der: decodeBase64(bytes.subarray(bodyStart, endAt)) });
    position = bytes.indexOf(BEGIN, end.next);
  }
  return blocks;
}

// Lines are only turned into strings when they hold a colon: base64 never does, so key text stays in Buffers.
function readHeaders(bytes: Buffer, start: number, end: number): { headers: Map<string, string>; bodyStart: number } {
  const headers = new Map<string, string>();
  let position = start;
  for (;;) {
    const lineEnd = bytes.indexOf(0x0a, position);
    if (lineEnd < 0 || lineEnd >= end) return { headers, bodyStart: position };
    const colon = bytes.indexOf(0x3a, position);
    const blank = bytes.subarray(position, lineEnd).every((c) => c === 0x20 || c === 0x09 || c === 0x0d);
    if (headers.size > 0 && blank) return { headers, bodyStart: lineEnd + 1 };
    if (colon < 0 || colon > lineEnd) {
      if (headers.size > 0) throw new MalformedError('PEM headers are not followed by a blank line');
      if (!blank || position !== start) return { headers, bodyStart: position };
    } else {
      headers.set(
        bytes.toString('latin1', position, colon).trim(),
        bytes.toString('latin1', colon + 1, lineEnd).trim(),
      );
    }
    position = lineEnd + 1;
  }
}

/** A PEM block as bytes, so a private key never passes through a JS string. */
export function encodePemBlock(label: string, der: Buffer): Buffer {
  const body = encodeBase64Lines(der);
  const out = Buffer.concat([
    Buffer.from(`-----BEGIN ${label}-----\n`, 'latin1'),
    body,
    Buffer.from(`-----END ${label}-----\n`, 'latin1'),
  ]);
  body.fill(0);
  return out;
}
