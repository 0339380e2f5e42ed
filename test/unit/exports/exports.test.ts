import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportsFolder, fileStem } from '../../../src-main/services/exports';
import { unlockedStation } from '../../helpers/station';

// One station for the file: making a KEK and the vault is the slow part, and the tests only read keys.
let s: Awaited<ReturnType<typeof unlockedStation>>;
beforeAll(async () => {
  s = await unlockedStation();
  await s.station.keystore.createKek({ label: 'Tape KEK / Site A', bits: 2048 });
  await s.station.keystore.createSecretKey({ label: 'Pool 1' });
}, 60_000);
afterAll(() => s?.cleanup());

/** A folder of its own inside the home, for tests that look at what is (not) in it. */
function folderAt(name: string, now?: () => Date) {
  const { keystore, eedk, audit } = s.station;
  return {
    dir: join(s.home, name),
    folder: new ExportsFolder({ dir: join(s.home, name), keystore, eedk, audit, now }),
  };
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the exports folder', () => {
  it('writes a keystore export into exports/, named from the label and the time, 0600 in a 0700 folder', async () => {
    const { station, home } = s;
    const r = station.exports.exportKeys({ labels: ['Tape KEK / Site A'], format: 'pem' });
    expect(dirname(r.path)).toBe(join(home, 'exports'));
    expect(basename(r.path)).toMatch(/^Tape_KEK_Site_A-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.pem$/);
    expect(r).toMatchObject({ format: 'pem', entries: 1, warning: null });
    expect(mode(r.path)).toBe(0o600);
    expect(mode(dirname(r.path))).toBe(0o700);
    expect(readFileSync(r.path, 'latin1')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(readdirSync(dirname(r.path))).toEqual([basename(r.path)]); // no temp file left behind
  });

  it('names a several-key export by its first label and the count of the rest, and says when legacy was asked', async () => {
    const { station } = s;
    const r = station.exports.exportKeys({
      labels: ['Pool 1', 'Tape KEK / Site A'],
      format: 'pkcs12',
      storePassword: 'export-pass',
      legacy: true,
    });
    expect(basename(r.path)).toMatch(/^Pool_1\+1-.*\.p12$/);
    expect(r.entries).toBe(2);
    expect(r.warning).toMatch(/3DES and SHA-1/);
  });

  it('never replaces an earlier file made in the same millisecond', async () => {
    const at = new Date('2026-12-05T10:00:00.000Z');
    const { folder } = folderAt('same-millisecond', () => at);
    const first = folder.exportKeys({ labels: ['Pool 1'], format: 'jceks', storePassword: 'export-pass' });
    const second = folder.exportKeys({ labels: ['Pool 1'], format: 'jceks', storePassword: 'export-pass' });
    expect(basename(first.path)).toBe('Pool_1-2026-12-05T10-00-00-000Z.jceks');
    expect(basename(second.path)).toBe('Pool_1-2026-12-05T10-00-00-000Z-2.jceks');
    expect(readFileSync(first.path).equals(readFileSync(second.path))).toBe(false);
  });

  it('writes nothing when the export is refused, and the refusal keeps its code', async () => {
    const { dir, folder } = folderAt('refused');
    expect(() => folder.exportKeys({ labels: ['Pool 1'], format: 'pkcs12' })).toThrowError(
      expect.objectContaining({ code: 'EXPORT_PASSWORD_REQUIRED' }),
    );
    expect(() => folder.exportKeys({ labels: ['Pool 1'], format: 'pem' })).toThrowError(
      expect.objectContaining({ code: 'EXPORT_NOT_PUBLIC' }),
    );
    expect(() => readdirSync(dir)).toThrowError(/ENOENT/);
  });

  it('writes an EEDK file named by its check value, 0600, that this station unwraps to the same check value', async () => {
    const { station } = s;
    const r = station.exports.wrapEedk({ keks: [{ label: 'Tape KEK / Site A', encoding: 'L' }] });
    expect(basename(r.path)).toMatch(new RegExp(`^eedk-${r.kcv}-.*\\.eedk$`));
    expect(mode(r.path)).toBe(0o600);
    expect(station.eedk.identify(readFileSync(r.path))).toEqual({
      kekLabel: 'Tape KEK / Site A',
      encoding: 'L',
      kcv: r.kcv,
    });
  });

  it('makes file-name parts of labels: safe characters only, at most 40', () => {
    expect(fileStem('Tape KEK / Site A')).toBe('Tape_KEK_Site_A');
    expect(fileStem('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(fileStem('é'.repeat(50))).toBe('_');
    expect(fileStem('x'.repeat(60))).toHaveLength(40);
    expect(fileStem('')).toBe('keys');
  });
});
