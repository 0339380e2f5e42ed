/** The station home and its database. */
export const StationCode = {
  HomeLocked: 'HOME_LOCKED',
  HomeUnusable: 'HOME_UNUSABLE',
  DatabaseTooNew: 'DATABASE_TOO_NEW',
  DatabaseUnusable: 'DATABASE_UNUSABLE',
  SelfTestFailed: 'SELF_TEST_FAILED',
} as const;
