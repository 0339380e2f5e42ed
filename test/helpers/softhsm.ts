import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cryptoki } from '../../src-main/services/tokens';
import { tempDir } from './temp';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const SO_PIN = '1234';
export const USER_PIN = '5678';

/**
 * A SoftHSM2 token store in a temp dir. SOFTHSM2_CONF is set in this process before any module
 * is loaded (SoftHSM reads it at C_Initialize) and passed to every child.
 */
export function softHsm(labels: string[], pin = USER_PIN) {
  const dir = tempDir('custos-softhsm-');
  const tokenDir = join(dir.path, 'tokens');
  mkdirSync(tokenDir);
  const conf = join(dir.path, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  for (const label of labels) {
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', SO_PIN, '--pin', pin], {
      env,
      stdio: 'pipe',
    });
  }
  return {
    conf,
    env,
    dir: dir.path,
    /** A copy of the module at another path: loaded as a separate library, so a test can wrap it to inject faults. */
    moduleCopy(name: string): string {
      const path = join(dir.path, `${name}.so`);
      copyFileSync(SOFTHSM_MODULE, path);
      return path;
    },
    /** OpenSC's pkcs11-tool against this token store. */
    pkcs11Tool(args: string[]): string {
      return execFileSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, ...args], {
        env,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    },
    cleanup: dir.cleanup,
  };
}

/** The real module with some calls replaced: fault injection for what SoftHSM cannot be made to do. */
export function withFaults(real: Cryptoki, overrides: Partial<Record<keyof Cryptoki, unknown>>): Cryptoki {
  return new Proxy(real, {
    get(target, property) {
      if (typeof property === 'string' && property in overrides) return overrides[property as keyof Cryptoki];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A PKCS#11 return code as pkcs11js reports it. */
export function ckr(name: string, code: number): Error {
  return new Error(`${name}:${code}`);
}
