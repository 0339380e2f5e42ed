import { describe, expect, it } from 'vitest';
import { readKeystore, WorkBudget } from '../../../../src-main/services/keystore/formats';
import { readKeystoreInWorker } from '../../../../src-main/services/keystore/reading';
import { FIXTURE_PASSWORD, goodFixture } from '../formats/fixtures';

const storePassword = FIXTURE_PASSWORD;

// Each case derives keys twice (here and in the thread), legacy PBE in SHA-1 steps: CPU time, not waiting.
describe('reading keystores in a worker thread', { timeout: 30_000 }, () => {
  it.each(['keytool-modern.p12', 'keytool-legacy.p12', 'keytool.jceks', 'keytool.jks', 'openssl-modern.p12'])(
    'reads %s exactly as the in-process reader does, in file order',
    async (name) => {
      const bytes = goodFixture(name);
      const keyPasswords = { 'tape-dk-2': 'dk2-key-pass' };
      const here = readKeystore(bytes, { storePassword, keyPasswords });
      const opened: number[] = [];
      const there = await readKeystoreInWorker(bytes, {
        storePassword,
        keyPasswords,
        progress: (n) => opened.push(n),
      });
      expect(there.format).toBe(here.format);
      expect(there.entries).toEqual(here.entries);
      expect(there.warnings ?? []).toEqual(here.warnings ?? []);
      expect(there.entries.every((e) => e.kind !== 'secret-key' || Buffer.isBuffer(e.key))).toBe(true);
      if (here.entries.some((e) => e.kind !== 'trusted-certificate')) expect(opened.length).toBeGreaterThan(0);
    },
  );

  it('returns the code of a wrong password, with no secret in it', async () => {
    const error = await readKeystoreInWorker(goodFixture('keytool.jceks'), { storePassword: 'not-it' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'KEYSTORE_WRONG_PASSWORD' });
    expect((error as Error).message).not.toContain('not-it');
  });

  it('refuses a file past its work budget with KEYSTORE_WORK_BUDGET', () => {
    // keytool's PKCS#12: 10,000 iterations for the MAC alone; a budget of 1,000 cannot check it.
    let caught: unknown;
    try {
      readKeystore(goodFixture('keytool-modern.p12'), { storePassword, budget: new WorkBudget(1_000, 0) });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'KEYSTORE_WORK_BUDGET' });
    expect((caught as Error).message).toMatch(/^The file asks for more key-derivation work .*\.$/);
  });

  it('cancels: the abort stops the thread and nothing comes back', async () => {
    const abort = new AbortController();
    const reading = readKeystoreInWorker(goodFixture('keytool-modern.p12'), { storePassword, signal: abort.signal });
    abort.abort();
    await expect(reading).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
  });

  it('stops a read past the wall-time budget', async () => {
    await expect(
      readKeystoreInWorker(goodFixture('keytool.jceks'), { storePassword, wallBudgetMs: 1 }),
    ).rejects.toMatchObject({ code: 'KEYSTORE_WORK_BUDGET' });
  });
});
