import { checkSecretKeyLength } from './secret-key';
import { parseCertificate, privateKeyMatchesCertificate } from './certificate';
import { MalformedError } from './errors';
import { SECRET_KEY_ALGORITHMS, type KeystoreEntry } from './model';
import { checkPrivateKeyInfo } from './private-key';
import { CustosError, KeystoreFileCode } from '../../../contract';

function invalid(message: string): Error {
  return new CustosError(KeystoreFileCode.InvalidEntry, message);
}

/**
 * Refuses, before anything is written, entries the target file could not hold or the reading
 * tool could not use: duplicate aliases, keys without a matching certificate, unreadable DER.
 */
export function checkEntriesForWriting(entries: readonly KeystoreEntry[], formatName: string): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const alias = entry.alias;
    if (alias.trim() === '') throw invalid(`Every entry written to ${formatName} needs an alias; one has none.`);
    const folded = alias.toLowerCase();
    if (seen.has(folded))
      throw invalid(`Two entries share the alias '${alias}'; ${formatName} aliases must differ regardless of case.`);
    seen.add(folded);
    try {
      if (entry.kind === 'private-key') {
        checkPrivateKeyInfo(entry.privateKeyPkcs8, `the private key of '${alias}'`);
        const [leaf] = entry.certificateChain;
        if (leaf === undefined)
          throw invalid(`The private key '${alias}' has no certificate; ${formatName} needs one to hold it.`);
        entry.certificateChain.forEach((cert, i) => parseCertificate(cert, `certificate ${i + 1} of '${alias}'`));
        if (!privateKeyMatchesCertificate(entry.privateKeyPkcs8, leaf)) {
          throw invalid(`The private key '${alias}' does not match the first certificate of its chain.`);
        }
      } else if (entry.kind === 'trusted-certificate') {
        parseCertificate(entry.certificate, `the certificate of '${alias}'`);
      } else {
        if (!SECRET_KEY_ALGORITHMS.includes(entry.algorithm))
          throw invalid(`The secret key '${alias}' has an unknown algorithm.`);
        checkSecretKeyLength(entry.algorithm, entry.key.length, alias);
      }
    } catch (e) {
      if (e instanceof MalformedError) throw invalid(`The entry '${alias}' cannot be written: ${e.message}.`);
      throw e;
    }
  }
}
