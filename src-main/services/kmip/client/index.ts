export { KmipClient, type KmipClientOptions, type KmipSessionInfo, type KmipTrafficListener } from './client';
export { SERVER_UNAVAILABLE_CODES } from './errors';
export { KMIP_PORT, parseKmipAddress, formatKmipAddress, type KmipAddress } from './address';
export { KMIP_DEFAULT_CIPHERS, type KmipTlsConfig } from './tls-options';
export type { TlsSessionFacts } from './connection';
export { inspectClientCertificate, type ClientCertificateFacts } from './client-certificate';
export { TtlvFrameReader } from './frame-reader';
export { type KmipBatchOptions, type KmipItemResult, type KmipBatchResults, batchItemId } from './batch';
export { DEFAULT_VERSION_PREFERENCES, chooseVersion, discoveryHeaderVersion, parseVersion } from './negotiation';
export {
  nameAttribute,
  objectGroupAttribute,
  alternativeNameAttribute,
  applicationSpecificInformationAttribute,
  customAttribute,
  cryptographicAlgorithmAttribute,
  cryptographicLengthAttribute,
  cryptographicUsageMaskAttribute,
  namesOf,
  textAttribute,
} from './attributes';
export { plainAttribute, type PlainAttribute, type PlainValue } from './plain-attributes';
export type { RegistrableObject, KmipObjectContent, KmipKeyBlock } from './managed-objects';
export * as kmipOperations from './operations';
export type {
  KmipOperation,
  OperationResult,
  KmipObjectId,
  KmipServerFacts,
  SymmetricKeySpec,
  KmipCreated,
  KeyPairSpec,
  KmipKeyPairCreated,
  LocateCriteria,
  KmipLocated,
  GetOptions,
  KmipAttributes,
  KmipAttributeNames,
  AttributeToDelete,
  Revocation,
  ReKeyOptions,
} from './operations';
