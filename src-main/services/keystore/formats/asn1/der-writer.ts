/** Builds DER by concatenation. Every function returns a fresh Buffer; callers wipe those holding secrets. */

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, contents: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(contents.length), contents]);
}

export function sequence(...children: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(children));
}

/** A SET OF, ordered as DER requires (by encoding). */
export function setOf(...children: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat([...children].sort(Buffer.compare)));
}

export function octetString(contents: Buffer): Buffer {
  return tlv(0x04, contents);
}

export function nullValue(): Buffer {
  return Buffer.from([0x05, 0x00]);
}

export function integer(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError('DER integers here are non-negative safe integers');
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  if (bytes.length === 0 || ((bytes[0] ?? 0) & 0x80) !== 0) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const chunk: number[] = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n % 128));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

export function bmpString(text: string): Buffer {
  const contents = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) contents.writeUInt16BE(text.charCodeAt(i), i * 2);
  return tlv(0x1e, contents);
}

/** [n] EXPLICIT: a constructed context tag around a complete element. */
export function explicit(n: number, inner: Buffer): Buffer {
  return tlv(0xa0 | n, inner);
}

/** [n] IMPLICIT on a primitive type: the contents keep, the tag changes. */
export function implicitPrimitive(n: number, contents: Buffer): Buffer {
  return tlv(0x80 | n, contents);
}
