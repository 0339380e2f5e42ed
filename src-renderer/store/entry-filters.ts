// What keystore pickers ask main for, and what they decide without it: which listed entries
// cannot be picked, and how a pick adds to (or takes out of) a list of chosen entries.
import type { EntryFilter as ListFilter, EntryView } from '../../src-main/contract';

export const ACTIVE_KEKS: readonly ListFilter[] = [
  { type: 'kek', state: 'active' },
  { type: 'public-kek', state: 'active' },
];

/** Every entry that still holds something (destroyed ones have nothing left to back up). */
export const NOT_DESTROYED: readonly ListFilter[] = [
  { state: 'active' },
  { state: 'deactivated' },
  { state: 'compromised' },
];

/**
 * Entries that can hold a certificate (a secret key never does). Destroyed ones and identities
 * still waiting for their signed certificate are among them: the picker shows them as not
 * pickable, so the count main gives stays the count shown.
 */
export const CERTIFICATE_HOLDERS: readonly ListFilter[] = [
  { type: 'kek' },
  { type: 'public-kek' },
  { type: 'trusted-certificate' },
  { type: 'client-identity' },
];

/** Why an entry a certificate picker lists cannot be picked; null when it can. */
export function certificateProblem(entry: EntryView): string | null {
  if (entry.state === 'destroyed') return 'destroyed';
  return entry.certificate ? null : 'no certificate yet';
}

/** `labels` with `label` added at the end, or taken out when it is there already. */
export function toggled(labels: readonly string[], label: string): string[] {
  return labels.includes(label) ? labels.filter((l) => l !== label) : [...labels, label];
}
