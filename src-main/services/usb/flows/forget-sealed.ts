import type { StationDatabase } from '../../station';

/**
 * After a sealed key is wiped from its row, older copies of the page can linger in the WAL
 * until a checkpoint; truncating it drops them. Best effort: a busy reader only delays it.
 */
export function dropOldPages(db: StationDatabase): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // the next checkpoint does it
  }
}
