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

/** What a custodian reads when there is no keychain: the D-Bus or OS detail goes to the log only. */
export const NO_KEYCHAIN =
  "This computer has no keychain service; 'remember on this computer' is unavailable. Unlock with the master passphrase each time.";

/** The OS detail, once per process and per distinct detail, on stderr (the app's and the host's log). */
const logged = new Set<string>();
function logOnce(line: string): void {
  if (logged.has(line)) return;
  logged.add(line);
  process.stderr.write(`custos: keychain: ${line}\n`);
}

export function osKeychain(log: (line: string) => void = logOnce): Keychain {
  const entry = (account: string) => new Entry(SERVICE, account, { linux: { store: 'secret-service' } });
  return {
    unavailableReason() {
      try {
        entry('availability-probe').getSecret();
        return null;
      } catch (e) {
        // e.g. "Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided…"
        log(`no usable OS keychain: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'unknown error'}`);
        return NO_KEYCHAIN;
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
