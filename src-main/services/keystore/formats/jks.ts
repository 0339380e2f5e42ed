import { readJavaKeystore } from './java/read-java-keystore';
import { writeJavaKeystore, type JavaKeystoreWriteOptions } from './java/write-java-keystore';
import type { KeystoreContents, KeystoreEntry } from './model';
import type { KeystoreReadOptions } from './options';

/** Reads a JKS keystore (magic feedfeed): private keys and trusted certificates. */
export function readJks(bytes: Buffer, options: KeystoreReadOptions): KeystoreContents {
  return readJavaKeystore(bytes, 'jks', options);
}

/** Writes JKS for tools that know nothing newer; JKS cannot hold secret keys. */
export function writeJks(entries: readonly KeystoreEntry[], options: JavaKeystoreWriteOptions): Buffer {
  return writeJavaKeystore('jks', entries, options);
}
