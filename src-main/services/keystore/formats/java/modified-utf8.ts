import { MalformedError } from '../errors';

/**
 * Java's "modified UTF-8" (DataOutput.writeUTF): U+0000 takes two bytes and characters beyond
 * the BMP are written as their two surrogates, three bytes each.
 */
export function encodeModifiedUtf8(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) bytes.push(c);
    else if (c <= 0x7ff) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Buffer.from(bytes);
}

export function decodeModifiedUtf8(bytes: Buffer): string {
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const a = bytes[i] ?? 0;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0) {
      const b = continuation(bytes, i + 1);
      units.push(((a & 0x1f) << 6) | b);
      i += 2;
    } else if ((a & 0xf0) === 0xe0) {
      const b = continuation(bytes, i + 1);
      const c = continuation(bytes, i + 2);
      units.push(((a & 0x0f) << 12) | (b << 6) | c);
      i += 3;
    } else {
      throw new MalformedError('a Java string holds an invalid byte');
    }
  }
  return String.fromCharCode(...units);
}

function continuation(bytes: Buffer, at: number): number {
  const b = bytes[at];
  if (b === undefined || (b & 0xc0) !== 0x80) throw new MalformedError('a Java string is cut inside a character');
  return b & 0x3f;
}
