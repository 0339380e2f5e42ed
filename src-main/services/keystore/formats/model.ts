/**
 * The format-neutral picture of a keystore: what a custodian sees whatever file it came from.
 * Entries are keyed by alias (a PKCS#11 CKA_LABEL, a vault key label) and say what they hold,
 * never how a file protected it; a token key that cannot leave its hardware would be a further
 * kind of this union rather than a PrivateKeyEntry without bytes. Secret material always sits
 * in Buffers the caller owns and wipes with `wipeKeystoreEntries` (or `buf.fill(0)`).
 */

/** The file formats this module reads; `der-*` are single bare DER objects, `pem` any PEM bundle. */
export type KeystoreFormat = 'pkcs12' | 'jks' | 'jceks' | 'pem' | 'der-certificate' | 'der-private-key';

/** JCA standard names of the secret keys a custodian carries (tape data keys are AES-256). */
export const SECRET_KEY_ALGORITHMS = ['AES', 'DESede', 'HmacSHA1', 'HmacSHA256', 'HmacSHA384', 'HmacSHA512'] as const;
export type SecretKeyAlgorithm = (typeof SECRET_KEY_ALGORITHMS)[number];

interface EntryCommon {
  /** The key label; Java keystores compare it case-insensitively and store it in lower case. */
  readonly alias: string;
  /** When the entry was put in the store, where the format records it. */
  readonly createdAt?: Date;
}

/** A key pair: the private key with the certificate chain that carries its public half. */
export interface PrivateKeyEntry extends EntryCommon {
  readonly kind: 'private-key';
  /** PKCS#8 PrivateKeyInfo, DER. Secret: wipe after use. */
  readonly privateKeyPkcs8: Buffer;
  /** X.509 certificates, DER, leaf first; may be empty only for a bare PEM/DER key. */
  readonly certificateChain: readonly Buffer[];
}

/** A certificate trusted on its own: a KEK's public half from the other site, a key server's CA. */
export interface TrustedCertificateEntry extends EntryCommon {
  readonly kind: 'trusted-certificate';
  /** X.509 certificate, DER. */
  readonly certificate: Buffer;
}

/** A symmetric key such as an AES-256 data key. */
export interface SecretKeyEntry extends EntryCommon {
  readonly kind: 'secret-key';
  readonly algorithm: SecretKeyAlgorithm;
  /** The raw key bytes. Secret: wipe after use. */
  readonly key: Buffer;
}

export type KeystoreEntry = PrivateKeyEntry | TrustedCertificateEntry | SecretKeyEntry;
export type KeystoreEntryKind = KeystoreEntry['kind'];

export interface KeystoreContents {
  readonly format: KeystoreFormat;
  readonly entries: KeystoreEntry[];
  /** What the custodian should know before trusting the file (e.g. no integrity check). */
  readonly warnings?: readonly string[];
  /** With a shard read: each entry's position among the file's records, for merging the shards in order. */
  readonly positions?: readonly number[];
}

/** Overwrites every secret byte the entries hold; certificates are public and left alone. */
export function wipeKeystoreEntries(entries: readonly KeystoreEntry[]): void {
  for (const entry of entries) {
    if (entry.kind === 'private-key') entry.privateKeyPkcs8.fill(0);
    if (entry.kind === 'secret-key') entry.key.fill(0);
  }
}
