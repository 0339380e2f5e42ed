import { createHash } from 'node:crypto';

export interface ExpiringCertificate {
  /** What the custodian calls it: a keystore label or a key server's trust. */
  name: string;
  notAfter: string;
  sha256: string;
}

/**
 * An iCalendar (RFC 5545) file with one all-day event per certificate expiry and reminders at
 * 90, 30 and 7 days, so expiries land in the team calendar: expired certificates lose access.
 */
export function expiryCalendar(certificates: ExpiringCertificate[], now = new Date()): string {
  const stamp = icsTime(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Custos//Certificate expiry//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const c of certificates) {
    const day = c.notAfter.slice(0, 10).replace(/-/g, '');
    const uid = createHash('sha256').update(`${c.sha256}|${c.notAfter}`).digest('hex').slice(0, 32);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}@custos`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `SUMMARY:${escapeText(`Certificate expires: ${c.name}`)}`,
      `DESCRIPTION:${escapeText(`${c.name} expires at ${c.notAfter}. SHA-256 ${c.sha256}. Renew it before then, or devices lose access to their keys.`)}`,
      ...[90, 30, 7].flatMap((days) => [
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `TRIGGER:-P${days}D`,
        `DESCRIPTION:${escapeText(`${c.name} expires in ${days} days`)}`,
        'END:VALARM',
      ]),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function icsTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + (start === 0 ? 75 : 74));
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--; // never split a UTF-8 character
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}
