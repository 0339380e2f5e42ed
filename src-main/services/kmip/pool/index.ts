export {
  KmipServerPool,
  type KmipPoolOptions,
  type KmipPoolResult,
  type KmipPoolMember,
  type KmipPoolServer,
} from './pool';
export {
  ServerHealthRecord,
  type KmipServerHealth,
  type KmipServerRole,
  type KmipFailure,
  type KmipHealthHistory,
} from './health';
