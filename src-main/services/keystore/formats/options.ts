/** Passwords for reading. Strings, because that is how they arrive over IPC; derived bytes are wiped. */
export interface KeystoreReadOptions {
  /** Store password: PKCS#12 MAC and encryption, JKS/JCEKS integrity, encrypted PEM/DER private key. */
  readonly storePassword?: string;
  /** JKS/JCEKS key passwords by alias (matched case-insensitively); an entry without one uses the store password, as keytool does. */
  readonly keyPasswords?: Readonly<Record<string, string>>;
  /**
   * JKS/JCEKS only: open just the keyed entries whose position modulo `count` is `index`
   * (trusted certificates go to shard 0), so a pool of workers shares a large keystore.
   */
  readonly shard?: { readonly index: number; readonly count: number };
}

export function keyPasswordFor(
  alias: string,
  storePassword: string,
  keyPasswords: Readonly<Record<string, string>> | undefined,
): string {
  if (keyPasswords === undefined) return storePassword;
  const wanted = alias.toLowerCase();
  for (const [name, password] of Object.entries(keyPasswords)) {
    if (name.toLowerCase() === wanted) return password;
  }
  return storePassword;
}

export function hasOwnKeyPassword(alias: string, keyPasswords: Readonly<Record<string, string>> | undefined): boolean {
  return (
    keyPasswords !== undefined && Object.keys(keyPasswords).some((name) => name.toLowerCase() === alias.toLowerCase())
  );
}
