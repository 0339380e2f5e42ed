import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readKeystore,
  WorkBudget,
  writeJceks,
  type KeystoreEntry,
} from '../../../../src-main/services/keystore/formats';
import { FIXTURE_PASSWORD, expectKeystoreError, goodFixture } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

// The JCEKS reader derives two keys at a time (one SIMD lane set): budget, progress and errors
// must come exactly as when each key was derived alone, in file order.
const ITERATIONS = 40;
const OWN = { 'tape-dk-1': 'own-pass-1', 'kek-main': 'kek own pass' };

/** keytool's fixture (a key pair, a trusted certificate, secret keys) plus AES keys, some with their own password. */
function keystore(): { bytes: Buffer; entries: KeystoreEntry[] } {
  const fixture = readKeystore(goodFixture('keytool.jceks'), {
    storePassword: FIXTURE_PASSWORD,
    keyPasswords: { 'tape-dk-2': 'dk2-key-pass' },
  });
  const extra: KeystoreEntry[] = Array.from({ length: 5 }, (_, i) => ({
    kind: 'secret-key',
    alias: `tape-dk-${i + 1}`,
    algorithm: 'AES',
    key: randomBytes(32),
  }));
  // In file order: kek-main (RSA key pair), peer-kek (trusted certificate), tape-dk-1..5.
  const entries = [...fixture.entries.filter((e) => !e.alias.startsWith('tape-dk')), ...extra];
  const bytes = writeJceks(entries, { storePassword: FIXTURE_PASSWORD, keyPasswords: OWN, iterations: ITERATIONS });
  return { bytes, entries };
}

const { bytes, entries } = keystore();
const keys = entries.filter((e) => e.kind !== 'trusted-certificate').length;

function read(budget: WorkBudget, keyPasswords: Record<string, string> = OWN) {
  return readKeystore(bytes, { storePassword: FIXTURE_PASSWORD, keyPasswords, budget });
}

describe('JCEKS keys derived in batches', () => {
  it('reads every entry, charges each key its two chains once, and reports each key opened in turn', () => {
    expect(keys).toBeGreaterThanOrEqual(6);
    const opened: number[] = [];
    const budget = new WorkBudget(undefined, undefined, (n, expected) => {
      expect(expected).toBe(keys);
      opened.push(n);
    });
    const contents = read(budget);
    expect(contents.entries.map((e) => e.alias)).toEqual(entries.map((e) => e.alias.toLowerCase()));
    expect(contents.entries).toEqual(
      entries.map((e) => ({ ...e, alias: e.alias.toLowerCase(), createdAt: expect.any(Date) })),
    );
    expect(budget.iterations).toBe(keys * 2 * ITERATIONS);
    expect(opened).toEqual(Array.from({ length: keys }, (_, i) => i + 1));
  });

  it('refuses at the same key as one-at-a-time derivation: the keys before it opened, none after', () => {
    // Room for two keys' chains and a half: the third key is refused before any of its work.
    const opened: number[] = [];
    const budget = new WorkBudget(5 * ITERATIONS, 0, (n) => opened.push(n));
    expectKeystoreError(() => read(budget), KeystoreFileCode.WorkBudget);
    expect(opened).toEqual([1, 2]);
    expect(budget.iterations).toBe(2 * 2 * ITERATIONS);
    // Room for three: the batch of keys 3 and 4 stops at 4, key 3 still opens.
    const three: number[] = [];
    expectKeystoreError(
      () => read(new WorkBudget(7 * ITERATIONS, 0, (n) => three.push(n))),
      KeystoreFileCode.WorkBudget,
    );
    expect(three).toEqual([1, 2, 3]);
  });

  it('names the entry whose key password is wrong, although the next key was derived beside it', () => {
    // Batches: [kek-main, tape-dk-1], [tape-dk-2, tape-dk-3], ...: tape-dk-2 was written under
    // the store password, and tape-dk-3 was derived beside it before it was found wrong.
    const message = expectKeystoreError(
      () => read(new WorkBudget(), { ...OWN, 'tape-dk-2': 'not its password' }),
      KeystoreFileCode.WrongKeyPassword,
      ['not its password'],
    );
    expect(message).toContain("'tape-dk-2'");
  });

  it('reads each shard’s keys alone: the shards together are the whole file', () => {
    const shards = [0, 1, 2].map(
      (index) =>
        readKeystore(bytes, { storePassword: FIXTURE_PASSWORD, keyPasswords: OWN, shard: { index, count: 3 } }).entries,
    );
    const aliases = shards.flat().map((e) => e.alias);
    expect(aliases.sort()).toEqual(entries.map((e) => e.alias.toLowerCase()).sort());
  });

  it('writes keys sealed two at a time: each under its own salt and password, read back intact', () => {
    const salts = new Set<string>();
    const contents = read(new WorkBudget());
    expect(contents.entries).toHaveLength(entries.length);
    // Each sealed key carries its salt in the clear: eight bytes before the iteration count.
    for (const e of entries) if (e.kind === 'secret-key') salts.add(sealedSalt(bytes, e.alias));
    expect(salts.size).toBe(entries.filter((e) => e.kind === 'secret-key').length);
  });

  it('refuses a key password JCEKS cannot hold at its entry, whatever was derived before it', () => {
    expectKeystoreError(
      () =>
        writeJceks(entries, {
          storePassword: FIXTURE_PASSWORD,
          keyPasswords: { ...OWN, 'tape-dk-3': 'pass wörd' },
          iterations: ITERATIONS,
        }),
      KeystoreFileCode.PasswordNotAccepted,
      ['pass wörd'],
    );
  });
});

/** The PBE salt of a sealed key: the DER `04 08 <salt> 02` of its encodedParams, after the alias. */
function sealedSalt(file: Buffer, alias: string): string {
  const at = file.indexOf(Buffer.from(alias.toLowerCase(), 'utf8'));
  const params = file.indexOf(Buffer.from([0x30, 0x0d, 0x04, 0x08]), at);
  return file.subarray(params + 4, params + 12).toString('hex');
}
