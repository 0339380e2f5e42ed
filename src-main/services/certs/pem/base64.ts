import { MalformedError } from './malformed';

/**
 * Base64 straight between Buffers: Node's own codec goes through JS strings, which cannot be
 * wiped, and PEM private keys are secrets.
 */
const ALPHABET = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'latin1');
const VALUES = new Int16Array(256).fill(-1);
ALPHABET.forEach((c, i) => {
  VALUES[c] = i;
});
const PAD = 0x3d;
const LINE_CHARS = 64;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Decodes base64 text, ignoring whitespace; anything else out of place is a MalformedError. */
export function decodeBase64(text: Buffer): Buffer {
  const symbols = Buffer.alloc(text.length);
  let count = 0;
  let padding = 0;
  for (const c of text) {
    if (isSpace(c)) continue;
    if (c === PAD) {
      padding++;
      continue;
    }
    if (padding > 0 || (VALUES[c] ?? -1) < 0) {
      symbols.fill(0);
      throw new MalformedError('its base64 text holds characters that do not belong there');
    }
    symbols[count++] = c;
  }
  if (padding > 2 || (count + padding) % 4 !== 0 || count % 4 === 1) {
    symbols.fill(0);
    throw new MalformedError('its base64 text has a length no encoder produces (it may be cut short)');
  }
  const out = Buffer.alloc(Math.floor((count * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < count; i++) {
    acc = ((acc << 6) | (VALUES[symbols[i] ?? 0] ?? 0)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  symbols.fill(0);
  return out;
}

/** Base64 in 64-character lines, each ending in a newline, as PEM wants it. */
export function encodeBase64Lines(data: Buffer): Buffer {
  const chars = Math.ceil(data.length / 3) * 4;
  const out = Buffer.alloc(chars + Math.ceil(chars / LINE_CHARS));
  let o = 0;
  let column = 0;
  const put = (c: number): void => {
    out[o++] = c;
    if (++column === LINE_CHARS) {
      out[o++] = 0x0a;
      column = 0;
    }
  };
  for (let i = 0; i < data.length; i += 3) {
    const a = data[i] ?? 0;
    const b = data[i + 1] ?? 0;
    const c = data[i + 2] ?? 0;
    const remaining = data.length - i;
    put(ALPHABET[a >> 2] ?? 0);
    put(ALPHABET[((a & 3) << 4) | (b >> 4)] ?? 0);
    put(remaining > 1 ? (ALPHABET[((b & 15) << 2) | (c >> 6)] ?? 0) : PAD);
    put(remaining > 2 ? (ALPHABET[c & 63] ?? 0) : PAD);
  }
  if (column !== 0) out[o++] = 0x0a;
  return out.subarray(0, o);
}
