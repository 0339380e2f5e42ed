import type { EntryFilter } from '../../contract';

/** Between two entries' values in a column (ASCII record separator: a label cannot hold a control character). */
export const LISTING_SEPARATOR = '\x1e';

/**
 * The listing's columns as SQLite hands them over: one string per column, the entries' values in
 * label order joined by LISTING_SEPARATOR (rowids by ','), NULL as ''. One row of group_concat()s
 * costs SQLite a fraction of what 100,000 row objects cost better-sqlite3 and the JS heap.
 */
export interface ListingColumns {
  count: number;
  rowids: string | null;
  labelKeys: string | null;
  types: string | null;
  states: string | null;
  stores: string | null;
  notAfter: string | null;
  kcvs: string | null;
  fingerprints: string | null;
  keyHashes: string | null;
}

/** One column kept whole, with where each entry's value starts: a substring search is one indexOf over all of it. */
class Haystack {
  /** starts[i]: first character of entry i; starts[count]: one past the end (where a separator would be). */
  readonly starts: Int32Array;

  private constructor(
    readonly text: string,
    starts: Int32Array,
  ) {
    this.starts = starts;
  }

  /** null when the column does not hold exactly `count` values (a separator inside a value: an edited row). */
  static of(text: string | null, count: number): Haystack | null {
    const whole = text ?? '';
    const starts = new Int32Array(count + 1);
    let at = 0;
    for (let i = 0; i < count; i++) {
      starts[i] = at;
      const next = whole.indexOf(LISTING_SEPARATOR, at);
      if (next === -1) {
        if (i !== count - 1) return null;
        at = whole.length + 1;
      } else at = next + 1;
    }
    if (count > 0 && at !== whole.length + 1) return null;
    starts[count] = whole.length + 1;
    return new Haystack(whole, starts);
  }

  value(i: number): string {
    return this.text.slice(this.starts[i], (this.starts[i + 1] as number) - 1);
  }

  /** Marks every entry whose value contains `needle` (never across two values). */
  mark(needle: string, into: Uint8Array): void {
    const { text, starts } = this;
    let row = 0;
    let at = text.indexOf(needle);
    while (at !== -1) {
      while ((starts[row + 1] as number) <= at) row++;
      const end = (starts[row + 1] as number) - 1;
      if (at + needle.length <= end) {
        into[row] = 1;
        at = text.indexOf(needle, end + 1);
      } else at = text.indexOf(needle, at + 1);
    }
  }
}

/**
 * The keystore's listing in memory: every entry's filter columns in label order, so a keystroke
 * in a search is a few indexOf calls over whole columns (a few ms for 100,000 entries) instead of
 * an instr() per row of SQLite's index plus a count of the matches (tens of ms). Main then reads
 * only the page's rows by rowid. It is a cache of the entries table, never the truth: the entry
 * store drops it on every write and when another connection changed the file, builds it again
 * on the next filtered list, and checks each row it reads against it.
 *
 * Matching is the SQL filter's (entry-store.ts filterClause), case for case, so the CLI, the
 * screen and the pickers see the same entries either way (listing-index.test.ts compares them).
 */
export class ListingIndex {
  /** The last filter's matches (positions in label order): scrolling one result asks the same filter page after page. */
  private last: { key: string; matches: Int32Array } | null = null;
  /** Columns a query never reads, split only when a filter asks for them. */
  private split = new Map<keyof ListingColumns, string[]>();

  private constructor(
    private readonly columns: ListingColumns,
    private readonly rowids: Float64Array,
    private readonly labels: Haystack,
    private readonly fingerprints: Haystack,
    private readonly keyHashes: Haystack,
  ) {}

  /** The index over SQLite's columns, or null when they do not line up (then the store asks SQL). */
  static build(columns: ListingColumns): ListingIndex | null {
    const n = columns.count;
    const rowids = n === 0 ? new Float64Array(0) : Float64Array.from((columns.rowids ?? '').split(','), Number);
    const labels = Haystack.of(columns.labelKeys, n);
    const fingerprints = Haystack.of(columns.fingerprints, n);
    const keyHashes = Haystack.of(columns.keyHashes, n);
    if (rowids.length !== n || !labels || !fingerprints || !keyHashes || rowids.some(Number.isNaN)) return null;
    return new ListingIndex(columns, rowids, labels, fingerprints, keyHashes);
  }

  get total(): number {
    return this.columns.count;
  }

  /** The rowids of one page of matches in label order (with the label keys they had), and how many match; null if a column is unreadable. */
  page(
    filter: EntryFilter,
    offset: number,
    limit: number,
    now: Date,
  ): { rowids: number[]; labelKeys: string[]; matching: number } | null {
    const matches = this.matches(filter, now);
    if (!matches) return null;
    const rowids: number[] = [];
    const labelKeys: string[] = [];
    const end = Math.min(matches.length, offset + limit);
    for (let i = offset; i < end; i++) {
      const at = matches[i] as number;
      rowids.push(this.rowids[at] as number);
      labelKeys.push(this.labels.value(at));
    }
    return { rowids, labelKeys, matching: matches.length };
  }

  private matches(filter: EntryFilter, now: Date): Int32Array | null {
    const n = this.columns.count;
    const horizon = filter.expiry
      ? new Date(now.getTime() + (filter.expiry === 'expired' ? 0 : Number(filter.expiry)) * 86_400_000).toISOString()
      : '';
    const query = (filter.query ?? '').normalize('NFC').trim().toLowerCase();
    const key = JSON.stringify([filter.type, filter.state, filter.store, horizon, query]);
    if (this.last?.key === key) return this.last.matches;
    // 1 where the query matches (every entry without one), then narrowed by the other filters.
    let keep: Uint8Array;
    if (query) {
      keep = new Uint8Array(n);
      // As the SQL: the label anywhere, a secret key's check value in full, 4+ hex digits in a fingerprint or key hash.
      this.labels.mark(query, keep);
      const kcv = asciiUpper(query);
      if (kcv.length <= 64) {
        const kcvs = this.column('kcvs');
        if (!kcvs) return null;
        for (let i = 0; i < n; i++) if (kcvs[i] === kcv) keep[i] = 1;
      }
      const hex = query.replace(/[:\s]/g, '');
      if (hex.length >= 4 && /^[0-9a-f]+$/.test(hex)) {
        this.fingerprints.mark(hex, keep);
        this.keyHashes.mark(hex, keep);
      }
    } else keep = new Uint8Array(n).fill(1);
    const narrow = (column: keyof ListingColumns, accepts: (value: string) => boolean): boolean => {
      const values = this.column(column);
      if (!values) return false;
      for (let i = 0; i < n; i++) if (keep[i] && !accepts(values[i] as string)) keep[i] = 0;
      return true;
    };
    const { type, state, store } = filter;
    if (type && !narrow('types', (v) => v === type)) return null;
    if (state && !narrow('states', (v) => v === state)) return null;
    if (store && !narrow('stores', (v) => v === store)) return null;
    // not_after IS NOT NULL AND not_after < horizon ('' stands for NULL here, and is never a date).
    if (horizon && !narrow('notAfter', (v) => v !== '' && v < horizon)) return null;
    let count = 0;
    for (let i = 0; i < n; i++) count += keep[i] as number;
    const matches = new Int32Array(count);
    for (let i = 0, j = 0; i < n; i++) if (keep[i]) matches[j++] = i;
    this.last = { key, matches };
    return matches;
  }

  private column(name: keyof ListingColumns): string[] | null {
    let values = this.split.get(name);
    if (!values) {
      const text = this.columns[name];
      values = this.columns.count === 0 ? [] : String(text ?? '').split(LISTING_SEPARATOR);
      if (values.length !== this.columns.count) return null;
      this.split.set(name, values);
    }
    return values;
  }
}

/** SQLite's upper(): ASCII letters only (no ICU), so a query matches exactly the check values the SQL would. */
function asciiUpper(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}
