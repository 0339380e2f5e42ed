import type { EntryView, KeyServerView, StandingWarning } from '../../contract';

const DAY = 86_400_000;

/**
 * What a custodian must fix in the configuration itself, before any test runs (DOMAIN.md:
 * two key servers, independent replicas, trust both ways, certificates that do not expire).
 */
export function standingWarnings(
  servers: KeyServerView[],
  entries: Map<string, EntryView>,
  now = Date.now(),
): StandingWarning[] {
  const warnings: StandingWarning[] = [];
  if (servers.length < 2) {
    warnings.push({
      severity: 'warning',
      code: 'FEWER_THAN_TWO_SERVERS',
      sentence: `${servers.length === 0 ? 'No key server is' : 'Only one key server is'} configured. Configure a primary and a secondary: DS8000 requires two and TS7700 strongly recommends two; losing every key server means losing access to encrypted data.`,
    });
  }
  const primaries = servers.filter((s) => s.role === 'primary');
  if (servers.length > 0 && primaries.length === 0)
    warnings.push({ severity: 'warning', code: 'NO_PRIMARY', sentence: 'No key server has the primary role.' });
  if (primaries.length > 1)
    warnings.push({
      severity: 'warning',
      code: 'TWO_PRIMARIES',
      sentence: `${primaries.map((p) => p.name).join(' and ')} are both primary; make one the secondary.`,
    });
  const byAddress = new Map<string, KeyServerView[]>();
  for (const s of servers) byAddress.set(s.address, [...(byAddress.get(s.address) ?? []), s]);
  for (const [address, same] of byAddress) {
    if (same.length > 1) {
      warnings.push({
        severity: 'warning',
        code: 'SERVERS_SHARE_ADDRESS',
        sentence: `${same.map((s) => s.name).join(' and ')} are both at ${address}: a secondary must be an independent replica (own power and network).`,
      });
    }
  }
  for (const s of servers) {
    if (!s.trustLabel)
      warnings.push({
        severity: 'warning',
        code: 'NO_TRUSTED_CERTIFICATE',
        sentence: `${s.name}: no server certificate is trusted yet; run the certificate exchange.`,
      });
    if (!s.identityLabel)
      warnings.push({
        severity: 'warning',
        code: 'NO_CLIENT_IDENTITY',
        sentence: `${s.name}: no client certificate of this station is chosen yet.`,
      });
    for (const [what, label] of [
      ['server certificate', s.trustLabel],
      ['station certificate', s.identityLabel],
    ] as const) {
      const expiry = label
        ? expiryWarning(
            `${s.name}: the ${what} "${label}"`,
            entries.get(label.toLowerCase())?.certificate?.notAfter,
            now,
          )
        : null;
      if (expiry) warnings.push(expiry);
      const entry = label ? entries.get(label.toLowerCase()) : undefined;
      if (label && entry && !entry.certificate && what === 'station certificate') {
        warnings.push({
          severity: 'warning',
          code: 'IDENTITY_AWAITS_CERTIFICATE',
          sentence: `${s.name}: the station identity "${label}" still waits for its CA-signed certificate.`,
        });
      }
    }
  }
  return warnings;
}

/** Warn at 90, 30 and 7 days; critical once expired. */
export function expiryWarning(what: string, notAfter: string | undefined, now = Date.now()): StandingWarning | null {
  if (!notAfter) return null;
  const days = Math.floor((Date.parse(notAfter) - now) / DAY);
  if (days < 0)
    return {
      severity: 'critical',
      code: 'CERTIFICATE_EXPIRED',
      sentence: `${what} expired on ${notAfter.slice(0, 10)}: devices using it have lost access.`,
    };
  if (days <= 7)
    return {
      severity: 'critical',
      code: 'CERTIFICATE_EXPIRES_7',
      sentence: `${what} expires in ${days} days (${notAfter.slice(0, 10)}).`,
    };
  if (days <= 30)
    return {
      severity: 'warning',
      code: 'CERTIFICATE_EXPIRES_30',
      sentence: `${what} expires in ${days} days (${notAfter.slice(0, 10)}).`,
    };
  if (days <= 90)
    return {
      severity: 'info',
      code: 'CERTIFICATE_EXPIRES_90',
      sentence: `${what} expires in ${days} days (${notAfter.slice(0, 10)}).`,
    };
  return null;
}
