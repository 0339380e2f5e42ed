/** The station home and its database. */
export const StationCode = {
  HomeLocked: 'HOME_LOCKED',
  HomeUnusable: 'HOME_UNUSABLE',
  DatabaseTooNew: 'DATABASE_TOO_NEW',
  DatabaseUnusable: 'DATABASE_UNUSABLE',
  /** station.db exists but holds nothing: never silently a new station. */
  DatabaseEmpty: 'DATABASE_EMPTY',
  /** SQLite found damaged pages, or the file is not a database. */
  DatabaseCorrupt: 'DATABASE_CORRUPT',
  SelfTestFailed: 'SELF_TEST_FAILED',
  /** The home named holds no station (no station.db): a read-only command creates none. */
  NotFound: 'STATION_NOT_FOUND',
} as const;
