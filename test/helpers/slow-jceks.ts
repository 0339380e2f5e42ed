// A JCEKS that is slow to read yet quick to write, for tests of a read in progress (progress,
// cancel): every key is sealed at keytool's 200,000 iterations under one shared salt and
// password, so writing derives once while the reader still derives each key (400,000 MD5
// rounds). Keytool reads it like any JCEKS; only the shared salt is unlike keytool's own files.
import { randomBytes } from 'node:crypto';
import {
  JCEKS_DEFAULT_ITERATIONS,
  prepareSealings,
} from '../../src-main/services/keystore/formats/crypto/sun-jce-key-protector';
import {
  writeJavaKeystoreBody,
  type WritableRecord,
} from '../../src-main/services/keystore/formats/java/keystore-body';
import { integrityDigest } from '../../src-main/services/keystore/formats/java/keystore-integrity';
import { sealSecretKey } from '../../src-main/services/keystore/formats/java/sealed-secret-key';

/** `count` AES-256 keys named `${prefix}${i}`, each under the store password. */
export function slowJceks(count: number, storePassword: string, prefix = 'bulk-dk-'): Buffer {
  const [shared] = prepareSealings([{ password: storePassword, iterations: JCEKS_DEFAULT_ITERATIONS }]);
  if (shared === undefined) throw new Error('No derivation was made.');
  try {
    const createdAt = new Date();
    const records: WritableRecord[] = Array.from({ length: count }, (_, i) => ({
      tag: 'secret-key',
      alias: `${prefix}${i}`,
      createdAt,
      // The sealing wipes the derivation it is given: each key gets its own copy.
      sealedObjectStream: sealSecretKey('AES', randomBytes(32), storePassword, JCEKS_DEFAULT_ITERATIONS, {
        ...shared,
        keyAndIv: Buffer.from(shared.keyAndIv),
      }),
    }));
    const body = writeJavaKeystoreBody('jceks', records);
    return Buffer.concat([body, integrityDigest(storePassword, body)]);
  } finally {
    shared.keyAndIv.fill(0);
  }
}
