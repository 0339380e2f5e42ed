import { describe, expect, it } from 'vitest';
import { calls } from '../../../../src-main/contract';
import {
  drivesErrors,
  drivesNeeded,
  keySetErrors,
  keySetFields,
  writeLabel,
} from '../../../../src-renderer/screens/usb/provision-model';
import type { ProvisionData } from '../../../../src-renderer/screens/usb/provision-model';

const data = (more: Partial<ProvisionData> = {}): ProvisionData => ({
  rekey: null,
  name: 'TS7770-A',
  serial: '',
  minCopies: 3,
  targetCopies: 4,
  escrow: false,
  drives: [],
  jobId: null,
  ...more,
});

describe('USB provisioning wizard model', () => {
  it("checks the key set with usb.create's schema and sends what it checked", () => {
    expect(keySetErrors(data())).toEqual({});
    expect(keySetFields(data({ name: ' TS7770-A ', serial: ' ' }))).toEqual({
      name: 'TS7770-A',
      minCopies: 3,
      targetCopies: 4,
      escrow: false,
    });
    expect(keySetErrors(data({ name: ' ', serial: 's'.repeat(65), minCopies: 0, targetCopies: 17 }))).toEqual({
      name: 'Required.',
      serial: 'At most 64 characters.',
      minCopies: 'At least 1.',
      targetCopies: 'At most 16.',
    });
    expect(keySetErrors(data({ minCopies: Number.NaN })).minCopies).toBe('Enter a number.');
    const input = { ...keySetFields(data()), drives: ['sdb'] };
    expect(calls['usb.create'].input.safeParse(input).success).toBe(true);
  });

  it('asks for a target of at least the minimum, beside both fields', () => {
    expect(keySetErrors(data({ minCopies: 4, targetCopies: 3 }))).toEqual({
      minCopies: 'The minimum (4) is above the target (3): lower it, or raise the target.',
      targetCopies: 'At least the minimum (4).',
    });
  });

  it('never offers to write to 0 drives: it says what is needed instead', () => {
    expect(writeLabel(null, 0)).toBe('Write the key');
    expect(writeLabel(null, 1)).toBe('Write the key to 1 drive');
    expect(writeLabel('TS7770-A', 3)).toBe('Write the new key to 3 drives');
    expect(drivesNeeded(0, 0, 0, 3)).toBe(
      'Insert a USB drive to write the key to (3 verified copies are needed to commit).',
    );
    expect(drivesNeeded(2, 0, 0, 1)).toMatch(/^None of the inserted drives can take a key .*1 verified copy is needed/);
    expect(drivesNeeded(2, 2, 0, 3)).toBe(
      'Tick the drives to write (3 verified copies are needed to commit; more can be added later).',
    );
    expect(drivesNeeded(2, 2, 1, 3)).toBeNull();
  });

  it('needs at least one drive, and no more than main takes', () => {
    expect(drivesErrors(data())).toEqual({ drives: 'Choose at least one.' });
    expect(drivesErrors(data({ drives: ['sdb'] }))).toEqual({});
    const many = Array.from({ length: 33 }, (_, i) => `sd${i}`);
    expect(drivesErrors(data({ rekey: 'TS7770-A', drives: many }))).toEqual({ drives: 'At most 32.' });
  });
});
