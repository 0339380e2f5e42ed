export { resolveStationHome, appDataFolder, PRODUCT_NAME } from './home';
export { acquireHomeLock, LOCK_FILE } from './lock';
export type { HomeLock } from './lock';
export { StationDatabase, DATABASE_FILE } from './database';
export type { StationStatement, SqlParam, SqlValue } from './database';
export { secureHome } from './permissions';
