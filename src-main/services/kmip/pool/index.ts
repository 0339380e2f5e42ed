export { KmipServerPool, type KmipPoolOptions, type KmipPoolResult, type KmipPoolMember } from './pool';
export type { KmipServerHealth, KmipServerRole } from './health';
