import { X509Certificate } from 'node:crypto';
import { AliasBook } from './alias-book';
import { certificateCommonName, orderChain, privateKeyMatchesCertificate } from './certificate';
import type { KeystoreEntry } from './model';
import { loadPrivateKey } from './private-key';

/**
 * Turns the loose keys and certificates of a PEM bundle or DER file into entries: each key with
 * the chain its matching certificate starts, every other certificate as a trusted entry. Aliases
 * come from the subject CN, as the file has none.
 */
export function entriesFromLooseObjects(keys: readonly Buffer[], bundle: readonly Buffer[]): KeystoreEntry[] {
  const certificates = bundle.filter((der, i) => bundle.findIndex((other) => other.equals(der)) === i);
  const aliases = new AliasBook();
  const entries: KeystoreEntry[] = [];
  const inChains = new Set<string>();
  keys.forEach((pkcs8, index) => {
    const fallback = keys.length === 1 ? 'private-key' : `private-key-${index + 1}`;
    loadPrivateKey(pkcs8, fallback);
    const leaf = certificates.find((der) => privateKeyMatchesCertificate(pkcs8, der));
    const chain = leaf === undefined ? [] : orderChain(leaf, certificates);
    for (const der of chain) inChains.add(der.toString('hex'));
    const name = leaf === undefined ? undefined : certificateCommonName(new X509Certificate(leaf));
    entries.push({
      kind: 'private-key',
      alias: aliases.claim(name, fallback),
      privateKeyPkcs8: pkcs8,
      certificateChain: chain.map((der) => Buffer.from(der)),
    });
  });
  certificates.forEach((der, index) => {
    if (inChains.has(der.toString('hex'))) return;
    const fallback = certificates.length === 1 ? 'certificate' : `certificate-${index + 1}`;
    entries.push({
      kind: 'trusted-certificate',
      alias: aliases.claim(certificateCommonName(new X509Certificate(der)), fallback),
      certificate: Buffer.from(der),
    });
  });
  return entries;
}
