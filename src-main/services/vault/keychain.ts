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

/**
 * Where the OS detail goes: the app and the browser host name their log (stderr) with
 * setKeychainLog; a CLI command keeps its stderr for its own answer, so by default it goes nowhere.
 * Each distinct detail is logged once per process.
 */
let keychainLog: ((line: string) => void) | null = null;
const logged = new Set<string>();
export function setKeychainLog(log: ((line: string) => void) | null): void {
  keychainLog = log;
}
function logOnce(line: string): void {
  if (!keychainLog || logged.has(line)) return;
  logged.add(line);
  keychainLog(`keychain: ${line}`);
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
