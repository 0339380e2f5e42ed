import { DecryptionFailed } from '../crypto/block-cipher';
import { parseCertificate } from '../certificate';
import { MalformedError, corrupt, parseOrCorrupt } from '../errors';
import { assertKeystoreSize } from '../limits';
import { wipeKeystoreEntries, type KeystoreContents, type KeystoreEntry } from '../model';
import { hasOwnKeyPassword, keyPasswordFor, type KeystoreReadOptions } from '../options';
import { loadPrivateKey } from '../private-key';
import type { PreparedDerivation } from '../crypto/sun-jce-key-protector';
import { JceksKeyBatches } from './jceks-key-batches';
import { openProtectedKey } from './key-protection';
import {
  JavaKeystoreMagic,
  parseJavaKeystore,
  type JavaKeystoreKind,
  type StoredCertificate,
  type StoredRecord,
} from './keystore-body';
import { integrityHolds } from './keystore-integrity';
import { unsealSecretKey } from './sealed-secret-key';
import { expectItems, itemOpened } from '../work-budget';
import { fail, CustosError, KeystoreFileCode } from '../../../../contract';

const FORMAT_NAME: Record<JavaKeystoreKind, string> = { jks: 'JKS', jceks: 'JCEKS' };

/** Keys tried with the store password after a failed integrity check; each JCEKS key costs 400000 MD5 rounds. */
const PASSWORD_PROBES = 3;

/** Reads a JKS or JCEKS file: structure, then the integrity digest, then each entry under its key password. */
export function readJavaKeystore(
  bytes: Buffer,
  kind: JavaKeystoreKind,
  options: KeystoreReadOptions,
): KeystoreContents {
  assertKeystoreSize(bytes);
  const name = FORMAT_NAME[kind];
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== JavaKeystoreMagic[kind]) {
    fail(
      KeystoreFileCode.UnknownFormat,
      `The file is not a ${name} keystore: it does not start with the ${name} magic number.`,
    );
  }
  const stored = parseOrCorrupt(name, () => {
    const parsed = parseJavaKeystore(bytes, kind);
    for (const record of parsed.records) checkCertificates(record);
    return parsed;
  });
  const storePassword = options.storePassword;
  if (storePassword === undefined) {
    fail(KeystoreFileCode.PasswordRequired, `The ${name} keystore needs its store password to check its integrity.`);
  }
  if (!integrityHolds(storePassword, stored.body, stored.digest)) {
    const keyed = stored.records.filter((record) => record.tag !== 'trusted-certificate').slice(0, PASSWORD_PROBES);
    if (keyed.some((record) => storePasswordOpens(record, storePassword, kind))) {
      throw corrupt(
        name,
        'its integrity check fails although the store password opens its keys, so it was altered after it was written',
      );
    }
    fail(
      KeystoreFileCode.WrongPassword,
      `The store password is wrong: the ${name} integrity check failed (if the password is right, the file was altered).`,
    );
  }
  const entries: KeystoreEntry[] = [];
  const positions: number[] = [];
  const shard = options.shard ?? { index: 0, count: 1 };
  let keyed = 0;
  const mine = stored.records.map((record) => {
    if (record.tag === 'trusted-certificate') return shard.index === 0;
    return keyed++ % shard.count === shard.index;
  });
  expectItems(stored.records.filter((r, i) => mine[i] && r.tag !== 'trusted-certificate').length);
  // JCEKS keys are derived a few at a time, side by side (WebAssembly SIMD MD5 lanes).
  const batches =
    kind === 'jceks'
      ? new JceksKeyBatches(stored.records, mine, (r) => keyPasswordFor(r.alias, storePassword, options.keyPasswords))
      : undefined;
  try {
    for (const [i, record] of stored.records.entries()) {
      if (!mine[i]) continue;
      entries.push(parseOrCorrupt(name, () => openRecord(record, kind, storePassword, options, batches?.take(i))));
      positions.push(i);
      // JCEKS keys report themselves as they are derived; JKS's protector is cheap, counted here.
      if (kind === 'jks' && record.tag !== 'trusted-certificate') itemOpened();
    }
  } catch (e) {
    wipeKeystoreEntries(entries);
    throw e;
  } finally {
    batches?.wipe();
  }
  return options.shard ? { format: kind, entries, positions } : { format: kind, entries };
}

function checkCertificates(record: StoredRecord): void {
  const certificates: StoredCertificate[] =
    record.tag === 'private-key' ? [...record.chain] : record.tag === 'trusted-certificate' ? [record.certificate] : [];
  for (const certificate of certificates) {
    if (certificate.type !== 'X.509') {
      fail(
        KeystoreFileCode.UnsupportedEntry,
        `The entry '${record.alias}' holds a certificate of type ${certificate.type}; only X.509 is carried.`,
      );
    }
    parseCertificate(certificate.der, `a certificate of '${record.alias}'`);
  }
}

/** Does the store password open this record's key? Tells an altered file from a wrong password. */
function storePasswordOpens(record: StoredRecord, password: string, kind: JavaKeystoreKind): boolean {
  if (record.tag === 'private-key') {
    try {
      const opening = openProtectedKey(record.protectedKey, password, kind, record.alias);
      if (opening.outcome === 'opened') opening.pkcs8.fill(0);
      return opening.outcome !== 'refused';
    } catch (e) {
      if (e instanceof MalformedError) return false;
      throw e;
    }
  }
  if (record.tag === 'secret-key') {
    try {
      unsealSecretKey(record.sealed, password, record.alias).key.fill(0);
      return true;
    } catch (e) {
      // Anything past decryption (an unknown algorithm, an odd key length) means the password opened it.
      return !(e instanceof DecryptionFailed);
    }
  }
  return false;
}

function wrongKeyPassword(alias: string, options: KeystoreReadOptions): Error {
  const hint = hasOwnKeyPassword(alias, options.keyPasswords)
    ? ''
    : ' (it was tried with the store password; give its own key password)';
  return new CustosError(KeystoreFileCode.WrongKeyPassword, `The key password for entry '${alias}' is wrong${hint}.`);
}

function openRecord(
  record: StoredRecord,
  kind: JavaKeystoreKind,
  storePassword: string,
  options: KeystoreReadOptions,
  prepared: PreparedDerivation | undefined,
): KeystoreEntry {
  const { alias, createdAt } = record;
  if (record.tag === 'trusted-certificate')
    return { kind: 'trusted-certificate', alias, createdAt, certificate: Buffer.from(record.certificate.der) };
  const password = keyPasswordFor(alias, storePassword, options.keyPasswords);
  if (record.tag === 'private-key') {
    const opening = openProtectedKey(record.protectedKey, password, kind, alias, prepared);
    if (opening.outcome === 'refused') throw wrongKeyPassword(alias, options);
    if (opening.outcome === 'damaged') throw new MalformedError(`the private key of '${alias}' fails its check`);
    try {
      loadPrivateKey(opening.pkcs8, alias);
    } catch (e) {
      opening.pkcs8.fill(0);
      throw e;
    }
    return {
      kind: 'private-key',
      alias,
      createdAt,
      privateKeyPkcs8: opening.pkcs8,
      certificateChain: record.chain.map((c) => Buffer.from(c.der)),
    };
  }
  try {
    const { algorithm, key } = unsealSecretKey(record.sealed, password, alias, prepared);
    return { kind: 'secret-key', alias, createdAt, algorithm, key };
  } catch (e) {
    if (e instanceof DecryptionFailed) throw wrongKeyPassword(alias, options);
    throw e;
  }
}
