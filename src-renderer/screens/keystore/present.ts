import { countOf } from '../../../src-main/contract';
import type { EntryType } from '../../../src-main/contract';

export const TYPE_NAMES: Record<EntryType, string> = {
  kek: 'KEK (key pair)',
  'public-kek': 'Public KEK',
  'secret-key': 'Secret key',
  'trusted-certificate': 'Trusted certificate',
  'client-identity': 'Client identity',
};

/** Short names for the table's narrow Type column. */
export const TYPE_SHORT: Record<EntryType, string> = {
  kek: 'KEK',
  'public-kek': 'Public KEK',
  'secret-key': 'Secret key',
  'trusted-certificate': 'Trusted cert',
  'client-identity': 'Client ID',
};

export function expiryText(notAfter: string, now = Date.now()): string {
  const days = Math.floor((Date.parse(notAfter) - now) / 86_400_000);
  if (days < 0) return `expired ${countOf(-days, 'day', 'days')} ago`;
  if (days === 0) return 'expires today';
  return `${countOf(days, 'day', 'days')} left`;
}
