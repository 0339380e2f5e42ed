import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEedkSet } from '../../../src-main/services/eedk';
import type { OpenStation } from '../../../src-main/services';
import { unlockedStation } from '../../helpers/station';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
async function station() {
  const s = await unlockedStation();
  cleanups.push(s.cleanup);
  return s.station;
}

/** The DR scenario: each site holds its own KEK and the other's public half, under its own label. */
async function twoSites(): Promise<{ main: OpenStation; dr: OpenStation }> {
  const main = await station();
  const dr = await station();
  await main.keystore.createKek({ label: 'Main Site KEK', bits: 2048 });
  await dr.keystore.createKek({ label: 'DR Site KEK', bits: 2048 });
  dr.keystore.add({
    label: 'Partner Main',
    type: 'public-kek',
    origin: 'imported:pem',
    certificateDer: main.keystore.certificateOf('Main Site KEK'),
  });
  main.keystore.add({
    label: 'Partner DR',
    type: 'public-kek',
    origin: 'imported:pem',
    certificateDer: dr.keystore.certificateOf('DR Site KEK'),
  });
  return { main, dr };
}

describe('EEDK', () => {
  it('wraps a given data key under two KEKs and either site unwraps it in hash mode', async () => {
    const { main, dr } = await twoSites();
    const dataKey = randomBytes(32);
    const copy = Buffer.from(dataKey);
    const { file, kcv } = main.eedk.wrap({
      keks: [
        { label: 'Main Site KEK', encoding: 'H' },
        { label: 'Partner DR', encoding: 'H' },
      ],
      dataKey,
    });
    expect(dataKey.equals(Buffer.alloc(32))).toBe(true); // wiped after use
    expect(decodeEedkSet(file).records).toHaveLength(2);
    const atMain = main.eedk.unwrap(file);
    const atDr = dr.eedk.unwrap(file);
    expect(atMain).toMatchObject({ kekLabel: 'Main Site KEK', encoding: 'H', kcv });
    expect(atDr).toMatchObject({ kekLabel: 'DR Site KEK', encoding: 'H', kcv });
    expect(atMain.dataKey.equals(copy)).toBe(true);
    expect(atDr.dataKey.equals(copy)).toBe(true);
  });

  it('in label mode, names the label the other site does not know', async () => {
    const { main, dr } = await twoSites();
    const { file } = main.eedk.wrap({ keks: [{ label: 'Main Site KEK', encoding: 'L' }] });
    expect(main.eedk.unwrap(file).kekLabel).toBe('Main Site KEK');
    expect(() => dr.eedk.unwrap(file)).toThrowError(
      expect.objectContaining({ code: 'EEDK_NO_MATCHING_KEK', message: expect.stringContaining('"Main Site KEK"') }),
    );
    // DR holds Main's public half only (as "Partner Main"); a public half cannot unwrap.
    const hashed = main.eedk.wrap({ keks: [{ label: 'Main Site KEK', encoding: 'H' }] }).file;
    expect(() => dr.eedk.unwrap(hashed)).toThrowError(expect.objectContaining({ code: 'EEDK_NO_MATCHING_KEK' }));
  });

  it('refuses broken, truncated, foreign and altered files with exact codes', async () => {
    const { main } = await twoSites();
    const { file } = main.eedk.wrap({ keks: [{ label: 'Main Site KEK', encoding: 'H' }] });
    const auditRows = main.audit.list().length;
    expect(() => main.eedk.unwrap(Buffer.from('not an eedk at all'))).toThrowError(
      expect.objectContaining({ code: 'EEDK_NOT_EEDK' }),
    );
    expect(() => main.eedk.unwrap(file.subarray(0, file.length - 10))).toThrowError(
      expect.objectContaining({ code: 'EEDK_CORRUPT' }),
    );
    const flipped = Buffer.from(file);
    flipped[60] = (flipped[60] ?? 0) ^ 0xff;
    expect(() => main.eedk.unwrap(flipped)).toThrowError(expect.objectContaining({ code: 'EEDK_CORRUPT' }));
    expect(() => main.eedk.unwrap(Buffer.alloc(1 << 20))).toThrowError(
      expect.objectContaining({ code: 'EEDK_CORRUPT' }),
    );
    expect(main.audit.list().length).toBe(auditRows);
  });

  it('refuses to wrap under a deactivated KEK, a secret key, or a data key of the wrong size', async () => {
    const { main } = await twoSites();
    await main.keystore.createSecretKey({ label: 'AES' });
    expect(() => main.eedk.wrap({ keks: [{ label: 'AES', encoding: 'L' }] })).toThrowError(
      expect.objectContaining({ code: 'EEDK_NOT_A_KEK' }),
    );
    expect(() =>
      main.eedk.wrap({ keks: [{ label: 'Main Site KEK', encoding: 'L' }], dataKey: randomBytes(16) }),
    ).toThrowError(expect.objectContaining({ code: 'EEDK_DATA_KEY_INVALID' }));
    main.keystore.setState('Main Site KEK', 'deactivated');
    expect(() => main.eedk.wrap({ keks: [{ label: 'Main Site KEK', encoding: 'L' }] })).toThrowError(
      expect.objectContaining({ code: 'KEK_NOT_ACTIVE' }),
    );
  });
});
