// Keystore files a key custodian exchanges: PKCS#12, JKS, JCEKS, PEM and DER, in and out.
export {
  SECRET_KEY_ALGORITHMS,
  wipeKeystoreEntries,
  type KeystoreContents,
  type KeystoreEntry,
  type KeystoreEntryKind,
  type KeystoreFormat,
  type PrivateKeyEntry,
  type SecretKeyAlgorithm,
  type SecretKeyEntry,
  type TrustedCertificateEntry,
} from './model';
export { MAX_KEYSTORE_BYTES } from './limits';
export type { KeystoreReadOptions } from './options';
export { detectKeystoreFormat } from './detect';
export { readKeystore, type ReadKeystoreOptions } from './read';
export { WorkBudget, FILE_WORK_BASE, WORK_PER_PROTECTED_ITEM } from './work-budget';
export { readPkcs12, writePkcs12, type Pkcs12Protection, type Pkcs12WriteOptions } from './pkcs12';
export { readJks, writeJks } from './jks';
export { readJceks, writeJceks } from './jceks';
export type { JavaKeystoreWriteOptions } from './java/write-java-keystore';
export { readPem, writeCertificatesPem, writePrivateKeyPem, type PrivateKeyPemOptions } from './pem';
export { readDerCertificate, readDerPrivateKey, writeCertificateDer } from './der';
