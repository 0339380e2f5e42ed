import { Entry } from '@napi-rs/keyring';

/**
 * "Remember on this computer": the vault key kept in the OS secret store (Keychain, Credential
 * Manager, Secret Service). On Linux the Secret Service is required: the kernel keyring the
 * library would otherwise fall back to silently does not survive a logout.
 */
export interface Keychain {
  /** null when usable; otherwise why not, in a sentence for the custodian. */
  unavailableReason(): string | null;
  store(account: string, secret: Buffer): void;
  load(account: string): Buffer | null;
  remove(account: string): void;
}

const SERVICE = 'Custos';

export function osKeychain(): Keychain {
  const entry = (account: string) => new Entry(SERVICE, account, { linux: { store: 'secret-service' } });
  return {
    unavailableReason() {
      try {
        entry('availability-probe').getSecret();
        return null;
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0] : 'unknown error';
        return `No usable OS keychain on this computer (${why}).`;
      }
    },
    store: (account, secret) => entry(account).setSecret(secret),
    load(account) {
      const secret = entry(account).getSecret();
      return secret ? Buffer.from(secret) : null;
    },
    remove(account) {
      entry(account).deleteCredential();
    },
  };
}
