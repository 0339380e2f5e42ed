import { existsSync, realpathSync } from 'node:fs';
import pkcs11js from 'pkcs11js';
import { fail, TokenCode } from '../../contract';
import { ckrName } from './refusals';

/** The PKCS#11 API as pkcs11js exposes it; tests wrap it to inject faults a real token cannot be made to give. */
export type Cryptoki = pkcs11js.PKCS11;
export type Handle = pkcs11js.Handle;
export type Template = pkcs11js.Template;
export type RsaOaepParams = pkcs11js.RsaOAEP;
export { pkcs11js as ck };

/** How a module is loaded; the default opens the library file itself. */
export type ModuleLoader = (path: string) => Cryptoki;

export const loadLibrary: ModuleLoader = (path) => {
  const module = new pkcs11js.PKCS11();
  module.load(path);
  return module;
};

interface LoadedModule {
  cryptoki: Cryptoki;
  users: number;
}

/**
 * PKCS#11 is initialised once per process per library, whatever the number of callers: two
 * stations open in one process (tests, the host) share it, and the last to leave finalizes it.
 */
const loaded = new Map<string, LoadedModule>();

export function acquireModule(path: string, load: ModuleLoader): Cryptoki {
  const known = loaded.get(path);
  if (known) {
    known.users++;
    return known.cryptoki;
  }
  if (!existsSync(path)) {
    fail(
      TokenCode.ModuleUnusable,
      `There is no PKCS#11 module at ${path}: install the token's software (its PKCS#11 library) or choose the right file.`,
    );
  }
  let cryptoki: Cryptoki;
  try {
    cryptoki = load(path);
  } catch (e) {
    fail(
      TokenCode.ModuleUnusable,
      `${path} cannot be loaded as a PKCS#11 module (${e instanceof Error ? e.message.split('\n')[0] : 'error'}); choose the token vendor's PKCS#11 library.`,
    );
  }
  try {
    cryptoki.C_Initialize();
  } catch (e) {
    if (ckrName(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      fail(
        TokenCode.ModuleUnusable,
        `The PKCS#11 module ${path} refused to start (${ckrName(e) ?? 'error'}); check its configuration file and that its service is running.`,
      );
    }
  }
  loaded.set(path, { cryptoki, users: 1 });
  return cryptoki;
}

export function releaseModule(path: string): void {
  const known = loaded.get(path);
  if (!known) return;
  if (--known.users > 0) return;
  loaded.delete(path);
  try {
    known.cryptoki.C_Finalize();
  } catch {
    // finalizing is best effort: the process may be on its way out
  }
}

/** Where the usual modules live, by distribution; only those present are offered. */
const KNOWN_MODULES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib64/pkcs11/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib64/opensc-pkcs11.so',
  '/usr/lib/opensc-pkcs11.so',
  '/Library/OpenSC/lib/opensc-pkcs11.so',
  'C:\\Windows\\System32\\opensc-pkcs11.dll',
];

export function installedModules(): string[] {
  // Distributions link one library under several names: offer it once.
  const seen = new Set<string>();
  return KNOWN_MODULES.filter((path) => {
    if (!existsSync(path)) return false;
    const real = realpathSync(path);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}
