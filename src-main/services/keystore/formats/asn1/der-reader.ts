import { MalformedError } from '../errors';

/**
 * A strict reader for DER, plus the BER indefinite lengths some PKCS#12 writers emit.
 * Elements are views into the caller's Buffer, never copies, so secrets can be wiped at the source.
 */
export interface DerElement {
  /** Identifier octet: class bits, constructed bit and tag number (low-tag form only). */
  readonly tag: number;
  readonly constructed: boolean;
  readonly contents: Buffer;
  readonly encoded: Buffer;
}

export const DerTag = {
  Boolean: 0x01,
  Integer: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  Utf8String: 0x0c,
  PrintableString: 0x13,
  Ia5String: 0x16,
  BmpString: 0x1e,
  Sequence: 0x30,
  Set: 0x31,
  ConstructedOctetString: 0x24,
} as const;

export function contextTag(n: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

const MAX_DEPTH = 32;

interface Parsed {
  readonly element: DerElement;
  readonly next: number;
}

function readElement(buf: Buffer, offset: number, depth: number): Parsed {
  if (depth > MAX_DEPTH) throw new MalformedError('ASN.1 nesting is deeper than any keystore needs');
  if (offset + 2 > buf.length) throw new MalformedError('an ASN.1 element is cut short');
  const tag = buf[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new MalformedError('an ASN.1 element uses a high tag number');
  const constructed = (tag & 0x20) !== 0;
  const first = buf[offset + 1] ?? 0;
  let pos = offset + 2;
  if (first === 0x80) {
    if (!constructed) throw new MalformedError('a primitive ASN.1 element has an indefinite length');
    const start = pos;
    for (;;) {
      if (pos + 2 > buf.length) throw new MalformedError('an ASN.1 element is missing its end-of-contents');
      if (buf[pos] === 0 && buf[pos + 1] === 0) break;
      pos = readElement(buf, pos, depth + 1).next;
    }
    return {
      element: { tag, constructed, contents: buf.subarray(start, pos), encoded: buf.subarray(offset, pos + 2) },
      next: pos + 2,
    };
  }
  let length = first;
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new MalformedError('an ASN.1 length is too large');
    if (pos + count > buf.length) throw new MalformedError('an ASN.1 length is cut short');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[pos + i] ?? 0);
    pos += count;
  }
  if (pos + length > buf.length) throw new MalformedError('an ASN.1 element is longer than the data holding it');
  const element = {
    tag,
    constructed,
    contents: buf.subarray(pos, pos + length),
    encoded: buf.subarray(offset, pos + length),
  };
  if (constructed) readChildren(element, depth + 1);
  return { element, next: pos + length };
}

function readChildren(element: DerElement, depth: number): DerElement[] {
  const children: DerElement[] = [];
  let pos = 0;
  while (pos < element.contents.length) {
    const parsed = readElement(element.contents, pos, depth);
    children.push(parsed.element);
    pos = parsed.next;
  }
  return children;
}

/** Decodes exactly one element filling the whole buffer; trailing bytes are an error. */
export function decodeDer(buf: Buffer): DerElement {
  const parsed = readElement(buf, 0, 0);
  if (parsed.next !== buf.length) throw new MalformedError('there are bytes after the end of the ASN.1 structure');
  return parsed.element;
}

/** Decodes one element at the start of the buffer and says where it ends. */
export function decodeDerPrefix(buf: Buffer): Parsed {
  return readElement(buf, 0, 0);
}

export function childrenOf(element: DerElement): DerElement[] {
  if (!element.constructed) throw new MalformedError('a primitive ASN.1 element was read as constructed');
  return readChildren(element, 0);
}

/** Reads the children of a SEQUENCE (or other constructed element) in order, checking each tag. */
export class DerCursor {
  private readonly items: DerElement[];
  private index = 0;

  constructor(
    element: DerElement,
    private readonly what: string,
    expectedTag: number = DerTag.Sequence,
  ) {
    expectTag(element, expectedTag, what);
    this.items = childrenOf(element);
  }

  next(tag: number, what: string): DerElement {
    const item = this.items[this.index];
    if (item === undefined) throw new MalformedError(`${this.what} ends before its ${what}`);
    expectTag(item, tag, `${this.what} ${what}`);
    this.index++;
    return item;
  }

  /** The next element whatever its tag (ANY DEFINED BY). */
  nextAny(what: string): DerElement {
    const item = this.items[this.index];
    if (item === undefined) throw new MalformedError(`${this.what} ends before its ${what}`);
    this.index++;
    return item;
  }

  optional(tag: number): DerElement | undefined {
    const item = this.items[this.index];
    if (item === undefined || item.tag !== tag) return undefined;
    this.index++;
    return item;
  }

  hasMore(): boolean {
    return this.index < this.items.length;
  }

  end(): void {
    if (this.index !== this.items.length) throw new MalformedError(`${this.what} has unexpected extra fields`);
  }
}

export function expectTag(element: DerElement, tag: number, what: string): void {
  if (element.tag !== tag) {
    throw new MalformedError(`${what} has ASN.1 tag 0x${element.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  }
}

export function readOid(element: DerElement): string {
  expectTag(element, DerTag.Oid, 'an object identifier');
  const bytes = element.contents;
  if (bytes.length === 0) throw new MalformedError('an object identifier is empty');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (value === 0 && b === 0x80) throw new MalformedError('an object identifier is not minimally encoded');
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new MalformedError('an object identifier arc is too large');
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === bytes.length - 1) {
      throw new MalformedError('an object identifier is cut short');
    }
  }
  const head = arcs[0] ?? 0;
  const first = head < 40 ? 0 : head < 80 ? 1 : 2;
  return [first, head - first * 40, ...arcs.slice(1)].join('.');
}

/** A non-negative INTEGER small enough for a count or a version. */
export function readSmallInteger(element: DerElement, what: string): number {
  expectTag(element, DerTag.Integer, what);
  const bytes = element.contents;
  if (bytes.length === 0 || bytes.length > 6) throw new MalformedError(`${what} is not a small integer`);
  if (((bytes[0] ?? 0) & 0x80) !== 0) throw new MalformedError(`${what} is negative`);
  return bytes.readUIntBE(0, bytes.length);
}

/** OCTET STRING contents; a BER constructed OCTET STRING is joined into a new Buffer. */
export function readOctets(element: DerElement, what: string): Buffer {
  if (element.tag === DerTag.OctetString) return element.contents;
  if (element.tag === DerTag.ConstructedOctetString) return joinOctetChunks(element, what);
  throw new MalformedError(`${what} is not an OCTET STRING`);
}

/** Contents of an [n] IMPLICIT OCTET STRING, primitive or (BER) constructed. */
export function readImplicitOctets(element: DerElement, n: number, what: string): Buffer {
  if (element.tag === contextTag(n, false)) return element.contents;
  if (element.tag === contextTag(n, true)) return joinOctetChunks(element, what);
  throw new MalformedError(`${what} has the wrong ASN.1 tag`);
}

function joinOctetChunks(element: DerElement, what: string): Buffer {
  return Buffer.concat(childrenOf(element).map((chunk) => readOctets(chunk, what)));
}

export function readBmpString(element: DerElement, what: string): string {
  expectTag(element, DerTag.BmpString, what);
  if (element.contents.length % 2 !== 0) throw new MalformedError(`${what} has an odd length`);
  const chars: string[] = [];
  for (let i = 0; i < element.contents.length; i += 2)
    chars.push(String.fromCharCode(element.contents.readUInt16BE(i)));
  return chars.join('');
}

export function readNull(element: DerElement, what: string): void {
  expectTag(element, DerTag.Null, what);
  if (element.contents.length !== 0) throw new MalformedError(`${what} is a NULL with contents`);
}
