import { enumerationNames, formatTag, maskNames, type ValueNames } from '../spec/registry';
import { bigIntegerFromBytes } from './big-integer';
import { microsecondsFromIso } from './datetime';
import { bytesFromHex } from './hex';
import type { LeafTypeName, TtlvLeaf } from './types';
import { fail, CustosError, KmipCodecCode } from '../../../contract';

/**
 * Reads leaf values written as text, for both the KMIP XML and JSON encodings (KMIP Profiles,
 * "Value" sections): names for enumerations and mask bits, hex for byte strings and big
 * integers, ISO-8601 for date-times, and 0x-prefixed hex as the form every number accepts.
 */
export type TextEncodingName = 'XML' | 'JSON';

const badValueCode = { XML: KmipCodecCode.XmlBadValue, JSON: KmipCodecCode.JsonBadValue } as const;
const unknownNameCode = { XML: KmipCodecCode.XmlUnknownName, JSON: KmipCodecCode.JsonUnknownName } as const;

/** What a text value belongs to, for error sentences and for finding names. */
export interface ValueSite {
  readonly encoding: TextEncodingName;
  readonly tag: number;
  /** The tag whose enumeration or mask names the value (see namingTag). */
  readonly namingTag: number;
}

function badValue(site: ValueSite, type: LeafTypeName, text: string, why: string): Error {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return new CustosError(
    badValueCode[site.encoding],
    `The KMIP ${site.encoding} document has ${formatTag(site.tag)} (${type}) with value "${shown}": ${why}.`,
  );
}

const HEX = /^0x([0-9A-Fa-f]+)$/;
const UINT32_LIMIT = 2 ** 32;

/**
 * A 0x-prefixed hex number, or undefined if the text is not one. More than `digits` digits is
 * a number too wide for the type.
 */
function hexNumber(text: string, digits: number, tooWide: () => Error): bigint | undefined {
  const match = HEX.exec(text);
  if (match?.[1] === undefined) return undefined;
  if (match[1].length > digits) throw tooWide();
  return BigInt(`0x${match[1]}`);
}

function parseUint32(text: string, site: ValueSite, type: LeafTypeName): number | undefined {
  const hex = hexNumber(text, 8, () => badValue(site, type, text, 'it does not fit in 32 bits'));
  if (hex !== undefined) return Number(hex);
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  if (value >= UINT32_LIMIT) throw badValue(site, type, text, 'it does not fit in 32 bits');
  return value;
}

function namesHint(names: ValueNames | undefined): string {
  return names === undefined ? 'this tag has no named values' : 'it is not one of the names this tag defines';
}

function parseInteger(text: string, site: ValueSite): number {
  const mask = maskNames(site.namingTag);
  if (text.trim() === '') throw badValue(site, 'Integer', text, 'it is empty');
  const tokens = text.trim().split(/[\s|]+/);
  if (tokens.length === 1 && /^-?\d+$/.test(text.trim())) {
    const value = Number(text.trim());
    if (value < -(2 ** 31) || value >= 2 ** 31)
      throw badValue(site, 'Integer', text, 'it does not fit in 32 signed bits');
    return value;
  }
  let value = 0;
  for (const token of tokens) {
    const hex = hexNumber(token, 8, () => badValue(site, 'Integer', text, 'it does not fit in 32 bits'));
    const bits = hex !== undefined ? Number(hex) : /^\d+$/.test(token) ? Number(token) : mask?.valueOf.get(token);
    if (bits === undefined) {
      fail(
        unknownNameCode[site.encoding],
        `The KMIP ${site.encoding} document has ${formatTag(site.tag)} (Integer) with value "${token}": ${namesHint(mask)}.`,
      );
    }
    if (bits >= UINT32_LIMIT) throw badValue(site, 'Integer', text, 'it does not fit in 32 bits');
    value |= bits;
  }
  return value;
}

function parseEnumeration(text: string, site: ValueSite): number {
  const names = enumerationNames(site.namingTag);
  const number = parseUint32(text, site, 'Enumeration');
  if (number !== undefined) return number;
  const value = names?.valueOf.get(text);
  if (value === undefined) {
    fail(
      unknownNameCode[site.encoding],
      `The KMIP ${site.encoding} document has ${formatTag(site.tag)} (Enumeration) with value "${text}": ${namesHint(names)}.`,
    );
  }
  return value;
}

function parseLongInteger(text: string, site: ValueSite): bigint {
  const hex = hexNumber(text, 16, () => badValue(site, 'LongInteger', text, 'it does not fit in 64 bits'));
  if (hex !== undefined) return BigInt.asIntN(64, hex);
  if (!/^-?\d+$/.test(text)) throw badValue(site, 'LongInteger', text, 'it is neither a decimal nor a 0x hex number');
  const value = BigInt(text);
  if (BigInt.asIntN(64, value) !== value)
    throw badValue(site, 'LongInteger', text, 'it does not fit in 64 signed bits');
  return value;
}

function parseBigIntegerHex(text: string, site: ValueSite): bigint {
  const bytes = bytesFromHex(text.startsWith('0x') ? text.slice(2) : text);
  if (bytes === undefined || bytes.length === 0) {
    throw badValue(site, 'BigInteger', text, 'a BigInteger is written as an even number of hex digits');
  }
  return bigIntegerFromBytes(bytes);
}

function parseDateTime(text: string, site: ValueSite, type: 'DateTime' | 'DateTimeExtended'): bigint {
  const hex = hexNumber(text, 16, () => badValue(site, type, text, 'it does not fit in 64 bits'));
  if (hex !== undefined) return BigInt.asIntN(64, hex);
  const micros = microsecondsFromIso(text);
  if (micros === undefined) throw badValue(site, type, text, 'it is not an ISO-8601 date and time with a zone');
  if (type === 'DateTimeExtended') return micros;
  if (micros % 1_000_000n !== 0n) throw badValue(site, type, text, 'a DateTime counts whole seconds');
  return micros / 1_000_000n;
}

function parseBoolean(text: string, site: ValueSite): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const hex = hexNumber(text, 16, () => badValue(site, 'Boolean', text, 'a Boolean is true or false'));
  if (hex === 0n || hex === 1n) return hex === 1n;
  throw badValue(site, 'Boolean', text, 'a Boolean is true or false');
}

/** Parses a leaf written as text. Each failure is KMIP_<encoding>_BAD_VALUE or _UNKNOWN_NAME. */
export function leafFromText(type: LeafTypeName, text: string, site: ValueSite): TtlvLeaf {
  const { tag } = site;
  switch (type) {
    case 'Integer':
      return { tag, type, value: parseInteger(text, site) };
    case 'LongInteger':
      return { tag, type, value: parseLongInteger(text, site) };
    case 'BigInteger':
      return { tag, type, value: parseBigIntegerHex(text, site) };
    case 'Enumeration':
      return { tag, type, value: parseEnumeration(text, site) };
    case 'Boolean':
      return { tag, type, value: parseBoolean(text, site) };
    case 'TextString':
      return { tag, type, value: text };
    case 'ByteString': {
      const bytes = bytesFromHex(text);
      if (bytes === undefined)
        throw badValue(site, type, text, 'a ByteString is written as an even number of hex digits');
      return { tag, type, value: bytes };
    }
    case 'DateTime':
    case 'DateTimeExtended':
      return { tag, type, value: parseDateTime(text, site, type) };
    case 'Interval': {
      const value = parseUint32(text, site, type);
      if (value === undefined) throw badValue(site, type, text, 'an Interval is a whole number of seconds');
      return { tag, type, value };
    }
  }
}
