export { KmipMessageLog, KMIP_MESSAGE_LOG_NAME } from './message-log';
export { RollingFile, type RollingFileOptions } from './rolling-file';
export { redactSecrets } from './redact';
export { materialFingerprint, describeFingerprint, type MaterialFingerprint } from './fingerprint';
export { tailMessageLog, LOG_TAIL_BYTES } from './tail';
