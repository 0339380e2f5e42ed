import { isJceksPassword, JCEKS_DEFAULT_ITERATIONS } from '../crypto/sun-jce-key-protector';
import type { KeystoreEntry } from '../model';
import { keyPasswordFor } from '../options';
import { checkEntriesForWriting } from '../write-checks';
import { protectPrivateKey } from './key-protection';
import { writeJavaKeystoreBody, type JavaKeystoreKind, type WritableRecord } from './keystore-body';
import { integrityDigest } from './keystore-integrity';
import { sealSecretKey } from './sealed-secret-key';
import { fail, KeystoreFileCode } from '../../../../contract';

export interface JavaKeystoreWriteOptions {
  readonly storePassword: string;
  /** Key passwords by alias; an entry without one is protected with the store password, as keytool does. */
  readonly keyPasswords?: Readonly<Record<string, string>>;
  /** PBEWithMD5AndTripleDES iterations for JCEKS keys; keytool 17 writes 200000. */
  readonly iterations?: number;
  /** Creation date for entries that carry none. */
  readonly now?: Date;
}

const FORMAT_NAME: Record<JavaKeystoreKind, string> = { jks: 'JKS', jceks: 'JCEKS' };

/**
 * Writes a version 2 JKS or JCEKS file. Aliases are written in lower case because Java looks
 * them up lower-cased; a mixed-case alias would be listed yet unusable by keytool.
 */
export function writeJavaKeystore(
  kind: JavaKeystoreKind,
  entries: readonly KeystoreEntry[],
  options: JavaKeystoreWriteOptions,
): Buffer {
  const name = FORMAT_NAME[kind];
  checkEntriesForWriting(entries, name);
  const iterations = options.iterations ?? JCEKS_DEFAULT_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 5_000_000) {
    fail(KeystoreFileCode.InvalidEntry, `The ${name} iteration count must be between 1 and 5000000.`);
  }
  const now = options.now ?? new Date();
  const records: WritableRecord[] = [];
  for (const entry of entries) {
    const alias = entry.alias.toLowerCase();
    const createdAt = entry.createdAt ?? now;
    if (entry.kind === 'trusted-certificate') {
      records.push({ tag: 'trusted-certificate', alias, createdAt, certificate: entry.certificate });
      continue;
    }
    const keyPassword = keyPasswordFor(entry.alias, options.storePassword, options.keyPasswords);
    if (kind === 'jceks' && !isJceksPassword(keyPassword)) {
      fail(
        KeystoreFileCode.PasswordNotAccepted,
        `JCEKS protects keys with printable ASCII passwords only; the password for '${entry.alias}' has other characters.`,
      );
    }
    if (entry.kind === 'private-key') {
      records.push({
        tag: 'private-key',
        alias,
        createdAt,
        protectedKey: protectPrivateKey(kind, entry.privateKeyPkcs8, keyPassword, iterations),
        chain: entry.certificateChain,
      });
    } else {
      if (kind === 'jks') {
        fail(
          KeystoreFileCode.InvalidEntry,
          `JKS cannot hold the secret key '${entry.alias}'; write JCEKS or PKCS#12 instead.`,
        );
      }
      records.push({
        tag: 'secret-key',
        alias,
        createdAt,
        sealedObjectStream: sealSecretKey(entry.algorithm, entry.key, keyPassword, iterations),
      });
    }
  }
  const body = writeJavaKeystoreBody(kind, records);
  return Buffer.concat([body, integrityDigest(options.storePassword, body)]);
}
