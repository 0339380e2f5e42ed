import { describe, expect, it } from 'vitest';
import {
  isKeyTempFileName,
  keyFileName,
  keyFileNameParts,
  keyFileStem,
  parseKeyFileName,
  sameFileName,
} from '../../../src-main/services/usb/keyfile';

describe('key file names', () => {
  it('fold the key set name to a safe, case-free stem', () => {
    expect(keyFileName('Storwize Prod', 1)).toBe('custos_storwize-prod_1.key');
    expect(keyFileStem('DS8000_TCT / Zürich')).toBe('ds8000-tct-zurich');
    expect(keyFileStem('  ***  ')).toBe('keyset');
    expect(keyFileStem('x'.repeat(64))).toHaveLength(40);
    expect(keyFileStem('Prod 1')).toBe(keyFileStem('prod-1'));
  });

  it('parse back, ignoring case as FAT and exFAT do', () => {
    expect(parseKeyFileName('CUSTOS_STORWIZE-PROD_12.KEY')).toEqual({ stem: 'storwize-prod', generation: 12 });
    expect(parseKeyFileName('custos_x_0.key')).toBeNull();
    expect(parseKeyFileName('custos_x_1.key.bak')).toBeNull();
    expect(parseKeyFileName('notes.txt')).toBeNull();
    expect(sameFileName('CUSTOS_X_1.KEY', 'custos_x_1.key')).toBe(true);
    expect(sameFileName('custos_x_1.key', 'custos_x_2.key')).toBe(false);
  });

  it('recognise the temp files of unfinished writes', () => {
    expect(isKeyTempFileName('.custos_prod_2.key.a1b2c3d4e5f6.tmp')).toBe(true);
    expect(isKeyTempFileName('custos_prod_2.key')).toBe(false);
    expect(keyFileNameParts('.custos_prod_2.key.a1b2c3d4e5f6.tmp')).toEqual({ stem: 'prod', generation: 2 });
    expect(keyFileNameParts('custos_prod_2.key')).toEqual({ stem: 'prod', generation: 2 });
  });
});
