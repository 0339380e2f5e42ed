export { createSelfSignedCertificate } from './create';
export type { CertificateProfile, SelfSignedRequest } from './create';
export { inspectCertificate, spkiSha256, colonHex } from './inspect';
export type { CertificateFacts } from './inspect';
export { parseDn } from './distinguished-name';
export { createCertificateRequest } from './csr';
export { toPem } from './sign';
export type { Signer } from './sign';
