export { createSelfSignedCertificate } from './create';
export type { CertificateProfile, SelfSignedRequest } from './create';
export { inspectCertificate, spkiSha256, colonHex } from './inspect';
export type { CertificateFacts } from './inspect';
export { parseDn } from './distinguished-name';
export { createCertificateRequest } from './csr';
export {
  certificateDerFrom,
  decodeBase64,
  encodeBase64Lines,
  encodePemBlock,
  hasPemArmor,
  MalformedError,
  parsePemBlocks,
  toPem,
} from './pem';
export type { PemBlock } from './pem';
export type { Signer } from './sign';
