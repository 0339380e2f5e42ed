import type { EntryState, EntryType, EntryView } from '../../src-main/contract';

export interface EntryFilter {
  /** Matches labels (case-insensitive) and SHA-256 / key-hash fingerprints (with or without colons). */
  query: string;
  type: EntryType | 'all';
  state: EntryState | 'all';
  expiry: 'all' | 'expired' | '30' | '90';
  /** Where the key lives: 'vault', 'token:NAME', or any. */
  store?: string;
}

export const NO_FILTER: EntryFilter = { query: '', type: 'all', state: 'all', expiry: 'all' };

/**
 * Pure (the search index below only saves work), so the 100,000-row benchmark measures exactly
 * what the screen runs on each keystroke. A label matches when it contains the query, ignoring
 * case; an entry with a certificate matches a query of 4+ hex digits (colons and spaces ignored)
 * found in its SHA-256 or key hash; a secret key matches its key check value typed in full.
 */
export function filterEntries(entries: EntryView[], filter: EntryFilter, now = Date.now()): EntryView[] {
  const q = filter.query.trim().toLowerCase();
  const hex = q.replace(/[:\s]/g, '');
  const horizon = filter.expiry === '30' ? now + 30 * 86_400_000 : filter.expiry === '90' ? now + 90 * 86_400_000 : now;
  const index = searchIndexOf(entries);
  const byLabel = q ? findIn(index.labels, q, entries.length) : null;
  const searchFingerprints = hex.length >= 4;
  // Fingerprints are hex: a query with any other letter in it cannot be part of one.
  const byFingerprint =
    q && searchFingerprints && /^[0-9a-f]+$/.test(hex) ? findIn(index.fingerprints, hex, entries.length) : null;
  const byKcv = q ? index.kcvs.get(q) : undefined;
  const visible: EntryView[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as EntryView;
    if (filter.type !== 'all' && e.type !== filter.type) continue;
    if (filter.state !== 'all' && e.state !== filter.state) continue;
    if (filter.store && filter.store !== 'all' && e.store !== filter.store) continue;
    if (filter.expiry !== 'all') {
      const end = index.notAfter[i] as number;
      if (filter.expiry === 'expired' ? end >= now : end >= horizon) continue;
    }
    if (!q || byLabel?.[i]) visible.push(e);
    else if (searchFingerprints && e.certificate) {
      if (byFingerprint?.[i]) visible.push(e);
    } else if (byKcv?.has(i)) visible.push(e);
  }
  return visible;
}

/** Search text laid end to end, one segment per entry, so a query is one indexOf pass, not one call per entry. */
interface Haystack {
  text: string;
  /** Where each segment starts in `text`, then text.length. */
  starts: Int32Array;
  /** The entry each segment belongs to. */
  owners: Int32Array;
}

interface SearchIndex {
  /** Every label, lower-cased, each followed by "\n". */
  labels: Haystack;
  /** Certificate SHA-256 without colons (lower case) and key hash of each entry with a certificate. */
  fingerprints: Haystack;
  /** Lower-cased key check value -> the entries that have it. */
  kcvs: Map<string, Set<number>>;
  notAfter: Float64Array;
}

// Built once per entries array, not once per keystroke: the store never changes an entries array
// in place (every change makes a new one), so the array identifies its contents.
const indexes = new WeakMap<EntryView[], SearchIndex>();

function searchIndexOf(entries: EntryView[]): SearchIndex {
  const cached = indexes.get(entries);
  if (cached && cached.notAfter.length === entries.length) return cached;
  const labels: string[] = [];
  const fingerprints: string[] = [];
  const fingerprintOwners: number[] = [];
  const kcvs = new Map<string, Set<number>>();
  const notAfter = new Float64Array(entries.length);
  entries.forEach((e, i) => {
    labels.push(e.label.toLowerCase());
    if (e.certificate) {
      fingerprints.push(`${e.certificate.sha256.replace(/:/g, '').toLowerCase()}\n${e.certificate.spkiSha256}`);
      fingerprintOwners.push(i);
    }
    if (e.kcv !== null) {
      const kcv = e.kcv.toLowerCase();
      kcvs.set(kcv, (kcvs.get(kcv) ?? new Set()).add(i));
    }
    notAfter[i] = e.certificate ? Date.parse(e.certificate.notAfter) : Number.POSITIVE_INFINITY;
  });
  const index = {
    labels: haystack(
      labels,
      entries.map((_, i) => i),
    ),
    fingerprints: haystack(fingerprints, fingerprintOwners),
    kcvs,
    notAfter,
  };
  indexes.set(entries, index);
  return index;
}

function haystack(segments: string[], owners: number[]): Haystack {
  const starts = new Int32Array(segments.length + 1);
  let at = 0;
  segments.forEach((s, i) => {
    starts[i] = at;
    at += s.length + 1;
  });
  starts[segments.length] = at;
  return { text: segments.join('\n') + '\n', starts, owners: Int32Array.from(owners) };
}

/** Marks the entries whose segment contains `needle`. */
function findIn(hay: Haystack, needle: string, size: number): Uint8Array {
  const found = new Uint8Array(size);
  if (needle.includes('\n')) {
    // Never typed into a search box; kept exact anyway, segment by segment.
    for (let s = 0; s + 1 < hay.starts.length; s++) {
      if (hay.text.slice(hay.starts[s], (hay.starts[s + 1] as number) - 1).includes(needle))
        found[hay.owners[s] as number] = 1;
    }
    return found;
  }
  let segment = 0;
  let from = 0;
  for (;;) {
    const at = hay.text.indexOf(needle, from);
    if (at < 0) return found;
    while ((hay.starts[segment + 1] as number) <= at) segment++;
    found[hay.owners[segment] as number] = 1;
    from = hay.starts[segment + 1] as number;
  }
}
