import { describe, expect, it } from 'vitest';
import { calls, FILE_LIMITS } from '../../../../src-main/contract';
import type { ImportPreview, ImportPreviewEntry } from '../../../../src-main/contract';
import {
  decisionsOf,
  fileErrors,
  freshImport,
  initialChoices,
  MAX_IMPORT_FILE_BYTES,
  renameErrors,
  renamesFailing,
} from '../../../../src-renderer/screens/keystore/import-model';

const previewEntry = (alias: string, more: Partial<ImportPreviewEntry> = {}): ImportPreviewEntry => ({
  alias,
  type: 'kek',
  label: alias,
  algorithm: 'RSA',
  keyBits: 2048,
  clash: false,
  suggestedLabel: `${alias} (2)`,
  problem: null,
  certificate: null,
  alreadyHere: null,
  ...more,
});

const preview = (entries: ImportPreviewEntry[]): ImportPreview => ({
  previewId: 'p1',
  fileName: 'store.jceks',
  format: 'jceks',
  warnings: [],
  entries,
  expiresAt: '2026-01-01T00:10:00.000Z',
});

/** Only name and size matter before the file is read. */
const file = (name: string, size: number) => ({ name, size }) as File;

describe('import wizard model', () => {
  it("takes its file limit from the contract's file limits", () => {
    expect(MAX_IMPORT_FILE_BYTES).toBe(FILE_LIMITS['keystore-import']);
  });

  it("checks the file step with keystore.importPreview's schema", () => {
    expect(fileErrors({ ...freshImport(), file: file('store.p12', 1000), storePassword: 'changeit' })).toEqual({});
    expect(fileErrors({ ...freshImport(), file: file('x'.repeat(513), 10) })).toEqual({
      fileName: 'At most 512 characters.',
    });
    expect(fileErrors({ ...freshImport(), file: file('a.p12', 10), storePassword: 'p'.repeat(1025) })).toEqual({
      storePassword: 'At most 1024 characters.',
    });
    expect(fileErrors({ ...freshImport(), file: file('huge.p12', MAX_IMPORT_FILE_BYTES + 1) }).fileName).toBe(
      'At most 32 MiB: no keystore is that large.',
    );
  });

  it('starts each entry as: problem skipped, clash renamed to the free label, the rest imported', () => {
    const choices = initialChoices(
      preview([
        previewEntry('gl key', { clash: true }),
        previewEntry('broken', { problem: 'The key is encrypted with an unknown cipher.' }),
        previewEntry('dr pool'),
      ]),
    );
    expect(choices).toEqual({
      'gl key': { action: 'rename', label: 'gl key (2)' },
      broken: { action: 'skip', label: 'broken' },
      'dr pool': { action: 'import', label: 'dr pool' },
    });
  });

  it('sends decisions main takes, a label only with a rename', () => {
    const decisions = decisionsOf({
      a: { action: 'rename', label: ' new a ' },
      b: { action: 'import', label: 'b', as: 'trusted-certificate' },
      c: { action: 'skip', label: 'c' },
    });
    expect(decisions).toEqual([
      { alias: 'a', action: 'rename', label: 'new a' },
      { alias: 'b', action: 'import', as: 'trusted-certificate' },
      { alias: 'c', action: 'skip' },
    ]);
    expect(calls['keystore.importCommit'].input.safeParse({ previewId: 'p1', decisions }).success).toBe(true);
  });

  it('flags a new label main would refuse', () => {
    expect(renameErrors('  ')).toEqual({ label: 'Required.' });
    expect(renameErrors('x'.repeat(257))).toEqual({ label: 'At most 256 characters.' });
    expect(
      renamesFailing({
        a: { action: 'rename', label: '' },
        b: { action: 'rename', label: 'fine' },
        c: { action: 'skip', label: '' },
      }),
    ).toEqual(['a']);
  });
});
