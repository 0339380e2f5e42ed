import { Oid } from '../asn1/oids';
import { DecryptionFailed } from '../crypto/block-cipher';
import { pbeDecrypt, pbeDeclaredWork } from '../crypto/pbe';
import { MalformedError, corrupt, parseOrCorrupt } from '../errors';
import { assertKeystoreSize } from '../limits';
import type { KeystoreContents } from '../model';
import type { KeystoreReadOptions } from '../options';
import { looksLikePrivateKeyInfo } from '../private-key';
import { entriesFromBags } from './entries-from-bags';
import { pfxMacHolds } from './mac';
import { parseAuthSafe, parsePfx, type AuthSafePart } from './pfx';
import { parseSafeContents, type SafeBag } from './safe-bags';
import { contentPasswordError, decryptShrouded, shroudedDeclaredWork } from './shrouded';
import { reserveWork } from '../work-budget';
import { fail, KeystoreFileCode } from '../../../../contract';

const NAME = 'PKCS#12';

/** Contents tried with the password after a failed MAC, to tell an altered file from a wrong password. */
const PASSWORD_PROBES = 3;

/**
 * Reads PKCS#12 as keytool 17 and OpenSSL 3 write it (PBES2/AES, SHA-2 MAC) and as older tools
 * do (PKCS#12 PBE with 3DES or RC2, SHA-1 MAC). A failed MAC is reported as a wrong
 * password unless the password still opens the contents, which means the file was altered.
 */
export function readPkcs12(bytes: Buffer, options: KeystoreReadOptions): KeystoreContents {
  assertKeystoreSize(bytes);
  const password = options.storePassword;
  if (password === undefined) fail(KeystoreFileCode.PasswordRequired, 'The PKCS#12 file needs its password.');
  const { pfx, parts } = parseOrCorrupt(NAME, () => {
    const pfx = parsePfx(bytes);
    return { pfx, parts: parseAuthSafe(pfx.authSafe) };
  });
  const mac = pfx.mac;
  if (mac !== undefined && !pfxMacHolds(pfx.authSafe, password, mac.salt, mac.iterations, mac.digest, mac.value)) {
    if (passwordOpensSomething(parts, password)) {
      throw corrupt(
        NAME,
        'its integrity check (MAC) fails although the password opens its contents, so it was altered after it was written',
      );
    }
    fail(KeystoreFileCode.WrongPassword, 'The password is wrong: the PKCS#12 integrity check (MAC) failed.');
  }
  const decrypted: Buffer[] = [];
  try {
    // What the file declares is charged before anything is derived: many costly parts are refused at once.
    reserveWork(
      parts.flatMap((p) => (p.kind === 'encrypted' ? [pbeDeclaredWork(p.algorithm)] : [])).filter((n) => n > 0),
      'encrypted contents',
    );
    const bags = openParts(parts, password, mac !== undefined, decrypted);
    reserveWork(
      bags
        .filter((b) => b.bagId === Oid.pkcs8ShroudedKeyBag)
        .map((b) => shroudedDeclaredWork(b.value))
        .filter((n) => n > 0),
      'key bags',
    );
    return {
      format: 'pkcs12',
      entries: parseOrCorrupt(NAME, () => entriesFromBags(bags, password, mac !== undefined)),
      warnings:
        mac === undefined
          ? [
              'This PKCS#12 file has no integrity check (MAC): its contents could have been changed by anyone, without the password. Import it only if you trust the way it reached you, and compare fingerprints with its sender.',
            ]
          : [],
    };
  } finally {
    for (const plain of decrypted) plain.fill(0);
  }
}

/** Decrypted safe contents go into `decrypted` so the caller can wipe them once entries are copied out. */
function openParts(
  parts: readonly AuthSafePart[],
  password: string,
  macChecked: boolean,
  decrypted: Buffer[],
): SafeBag[] {
  const bags: SafeBag[] = [];
  for (const part of parts) {
    if (part.kind === 'plain') {
      bags.push(...parseOrCorrupt(NAME, () => parseSafeContents(part.safeContents)));
      continue;
    }
    let plain: Buffer;
    try {
      plain = parseOrCorrupt(NAME, () =>
        pbeDecrypt(part.algorithm, part.ciphertext, password, 'PKCS#12 encrypted content'),
      );
    } catch (e) {
      if (e instanceof DecryptionFailed) throw contentPasswordError(macChecked, 'encrypted content');
      throw e;
    }
    decrypted.push(plain);
    bags.push(...parseOrCorrupt(NAME, () => parseSafeContents(plain)));
  }
  return bags;
}

/** Does the password decrypt anything into a well-formed structure? Tells an altered file from a wrong password. */
function passwordOpensSomething(parts: readonly AuthSafePart[], password: string): boolean {
  const attempts: Array<() => boolean> = [];
  for (const part of parts) {
    if (part.kind === 'encrypted') {
      attempts.push(() => {
        const plain = pbeDecrypt(part.algorithm, part.ciphertext, password, 'PKCS#12 encrypted content');
        try {
          parseSafeContents(plain);
          return true;
        } finally {
          plain.fill(0);
        }
      });
      continue;
    }
    let bags: SafeBag[];
    try {
      bags = parseSafeContents(part.safeContents);
    } catch {
      continue;
    }
    for (const bag of bags.filter((b) => b.bagId === Oid.pkcs8ShroudedKeyBag)) {
      attempts.push(() => {
        const plain = decryptShrouded(bag.value, password);
        const opened = looksLikePrivateKeyInfo(plain);
        plain.fill(0);
        return opened;
      });
    }
  }
  return attempts.slice(0, PASSWORD_PROBES).some((attempt) => {
    try {
      return attempt();
    } catch (e) {
      if (e instanceof DecryptionFailed || e instanceof MalformedError) return false;
      throw e;
    }
  });
}
