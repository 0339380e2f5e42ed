import { readJavaKeystore } from './java/read-java-keystore';
import { writeJavaKeystore, type JavaKeystoreWriteOptions } from './java/write-java-keystore';
import type { KeystoreContents, KeystoreEntry } from './model';
import type { KeystoreReadOptions } from './options';

/** Reads a JCEKS keystore (magic cececece), the software keystore EKM and ISKLM use: key pairs, certificates and secret keys. */
export function readJceks(bytes: Buffer, options: KeystoreReadOptions): KeystoreContents {
  return readJavaKeystore(bytes, 'jceks', options);
}

/** Writes JCEKS as keytool 17 does: PBEWithMD5AndTripleDES keys, sealed secret keys, SHA-1 integrity digest. */
export function writeJceks(entries: readonly KeystoreEntry[], options: JavaKeystoreWriteOptions): Buffer {
  return writeJavaKeystore('jceks', entries, options);
}
