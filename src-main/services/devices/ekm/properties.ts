import { DeviceCode, fail } from '../../../contract';

/**
 * A Java properties file as java.util.Properties reads it: `#`/`!` comments, `=`, `:` or blanks
 * between key and value, `\` escapes (`\:`, `\uXXXX`), backslash line continuations, and
 * LF, CRLF or CR line ends. Keys it does not know are kept: EKM files hold many.
 */
export function parseProperties(text: string, fileName = 'the configuration file'): Map<string, string> {
  if (text.includes('\u0000'))
    fail(
      DeviceCode.EkmConfigUnreadable,
      `${fileName} is not a text file (it holds NUL bytes); give the EKM configuration file.`,
    );
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  const properties = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const firstLine = i + 1;
    let logical = (lines[i] ?? '').replace(/^[ \t\f]+/, '');
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    // A line ending in an odd number of backslashes continues on the next one (leading blanks dropped).
    while (endsWithOddBackslashes(logical) && i + 1 < lines.length) {
      i++;
      logical = logical.slice(0, -1) + (lines[i] ?? '').replace(/^[ \t\f]+/, '');
    }
    if (endsWithOddBackslashes(logical)) logical = logical.slice(0, -1);
    const [key, value] = splitKeyValue(logical);
    properties.set(unescape(key, fileName, firstLine), unescape(value, fileName, firstLine));
  }
  return properties;
}

function endsWithOddBackslashes(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

function splitKeyValue(line: string): [string, string] {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    i++;
  }
  const key = line.slice(0, i);
  let j = i;
  while (j < line.length && (line[j] === ' ' || line[j] === '\t' || line[j] === '\f')) j++;
  if (j < line.length && (line[j] === '=' || line[j] === ':')) j++;
  while (j < line.length && (line[j] === ' ' || line[j] === '\t' || line[j] === '\f')) j++;
  return [key, line.slice(j)];
}

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(raw: string, fileName: string, line: number): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = raw[++i] ?? '';
    if (next === 'u') {
      const hex = raw.slice(i + 1, i + 5);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex))
        fail(
          DeviceCode.EkmConfigUnreadable,
          `${fileName}, line ${line}: "\\u${hex}" is not a Unicode escape (four hex digits); correct the line and import again.`,
        );
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return out;
}
