import {
  isJceksPassword,
  JCEKS_DEFAULT_ITERATIONS,
  prepareSealings,
  type PreparedDerivation,
} from '../crypto/sun-jce-key-protector';
import { KEYS_PER_BATCH } from './jceks-key-batches';
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
  // JCEKS keys are sealed a few at a time: their derivations share a WebAssembly SIMD lane set.
  const sealings =
    kind === 'jceks'
      ? new JceksSealingBatches(entries, iterations, (e) =>
          keyPasswordFor(e.alias, options.storePassword, options.keyPasswords),
        )
      : undefined;
  try {
    for (const [index, entry] of entries.entries()) {
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
          protectedKey: protectPrivateKey(kind, entry.privateKeyPkcs8, keyPassword, iterations, sealings?.take(index)),
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
          sealedObjectStream: sealSecretKey(entry.algorithm, entry.key, keyPassword, iterations, sealings?.take(index)),
        });
      }
    }
  } finally {
    sealings?.wipe();
  }
  const body = writeJavaKeystoreBody(kind, records);
  return Buffer.concat([body, integrityDigest(options.storePassword, body)]);
}

/** Draws salts and derives keys for the next keys to seal, KEYS_PER_BATCH at a time (export's side of jceks-key-batches.ts). */
class JceksSealingBatches {
  private readonly ready = new Map<number, PreparedDerivation>();

  constructor(
    private readonly entries: readonly KeystoreEntry[],
    private readonly iterations: number,
    private readonly passwordFor: (entry: KeystoreEntry) => string,
  ) {}

  /** The prepared sealing of entry `index` (a key whose password was checked); the sealing wipes it. */
  take(index: number): PreparedDerivation | undefined {
    if (!this.ready.has(index)) {
      const batch: number[] = [];
      for (let i = index; i < this.entries.length && batch.length < KEYS_PER_BATCH; i++) {
        const entry = this.entries[i];
        if (entry === undefined || entry.kind === 'trusted-certificate') continue;
        // A password JCEKS refuses stops the writer at that entry: nothing past it is derived.
        if (!isJceksPassword(this.passwordFor(entry))) break;
        batch.push(i);
      }
      const prepared = prepareSealings(
        batch.map((i) => ({
          password: this.passwordFor(this.entries[i] as KeystoreEntry),
          iterations: this.iterations,
        })),
      );
      for (const [k, i] of batch.entries()) this.ready.set(i, prepared[k] as PreparedDerivation);
    }
    const prepared = this.ready.get(index);
    this.ready.delete(index);
    return prepared;
  }

  wipe(): void {
    for (const prepared of this.ready.values()) prepared.keyAndIv.fill(0);
    this.ready.clear();
  }
}
