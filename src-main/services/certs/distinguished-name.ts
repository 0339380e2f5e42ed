import { fail, CertCode } from '../../contract';

export interface DnAttribute {
  shortName: string;
  value: string;
}

const KNOWN = new Set(['CN', 'O', 'OU', 'C', 'L', 'ST', 'E', 'DC', 'SERIALNUMBER']);

/** Parses "CN=Finance KEK, O=Bank\, Inc., C=CH" (RFC 4514 order as written, escaped commas kept). */
export function parseDn(dn: string): DnAttribute[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (ch === '\\' && i + 1 < dn.length) {
      current += dn[++i];
    } else if (ch === ',' || ch === '/') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const attributes = parts
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      const shortName = part.slice(0, eq).trim().toUpperCase();
      const value = part.slice(eq + 1).trim();
      if (eq <= 0 || !KNOWN.has(shortName) || value.length === 0) {
        fail(
          CertCode.SubjectInvalid,
          `"${part}" is not a subject attribute Custos understands (use CN=, O=, OU=, C=, L=, ST=, E=).`,
        );
      }
      if (shortName === 'C' && !/^[A-Z]{2}$/.test(value))
        fail(CertCode.SubjectInvalid, `C= takes a two-letter country code, not "${value}".`);
      return {
        shortName: shortName === 'E' ? 'emailAddress' : shortName === 'SERIALNUMBER' ? 'serialNumber' : shortName,
        value,
      };
    });
  if (!attributes.some((a) => a.shortName === 'CN'))
    fail(CertCode.SubjectInvalid, 'The subject needs a common name (CN=...).');
  return attributes;
}
