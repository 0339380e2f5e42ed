// Device groups (families, policies, keys, devices, approvals), key-usage inventory and EKM migration.
export { DeviceService } from './service';
export type { DeviceServiceDeps } from './service';
export type { EkmRequest, MetadataSource } from './ekm/migration';
export { parseProperties } from './ekm/properties';
export { readEkmConfig } from './ekm/config';
export type { EkmConfig } from './ekm/config';
export { KeyUsageScanner, scanMetadataFile, scanMetadataText, parseEkmDate, MAX_METADATA_BYTES } from './ekm/metadata';
export type { KeyUsageEvent } from './ekm/metadata';
export { sequenceLabel } from './rules';
