import { describe, expect, it } from 'vitest';
import type { KeySetState } from '../../../src-main/contract';
import { verdict } from '../../../src-main/services/usb/flows/validate';
import {
  checkCopyCounts,
  isAllowed,
  normalizeKeySetName,
  normalizeSerial,
  requireAllowed,
  requireCurrentKeyInserted,
  requireEnoughCopies,
  requireEraseConfirmed,
} from '../../../src-main/services/usb/keysets';
import type { KeySetAction, KeySetRow } from '../../../src-main/services/usb/keysets';

const set = (state: KeySetState, generation = 1, pendingGeneration: number | null = null) => ({
  name: 'Prod',
  state,
  generation,
  pendingGeneration,
  minCopies: 3,
});
const codeOf = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('the key set state machine (Storwize chencryption)', () => {
  it('allows exactly these actions in each state', () => {
    const actions: KeySetAction[] = ['add-copies', 'commit', 'cancel', 'rekey', 'erase'];
    const table = Object.fromEntries(
      (['preparing', 'active', 'rekeying', 'erased', 'cancelled'] as KeySetState[]).map((s) => [
        s,
        actions.filter((a) => isAllowed(s, a)),
      ]),
    );
    expect(table).toEqual({
      preparing: ['add-copies', 'commit', 'cancel', 'erase'],
      active: ['add-copies', 'rekey', 'erase'],
      rekeying: ['add-copies', 'commit', 'cancel', 'erase'],
      erased: ['erase'],
      cancelled: ['erase'],
    });
  });

  it('refuses the rest with a sentence that says what to do', () => {
    expect(() => requireAllowed(set('preparing', 0, 1), 'rekey')).toThrow(
      '"Prod" has no committed key yet: commit or cancel its first key before a rekey.',
    );
    expect(() => requireAllowed(set('rekeying', 3, 4), 'rekey')).toThrow(
      '"Prod" already has generation 4 prepared: commit or cancel it before another rekey.',
    );
    expect(() => requireAllowed(set('active', 3), 'commit')).toThrow(
      '"Prod" has no prepared key to commit; its current key is generation 3.',
    );
    expect(() => requireAllowed(set('erased'), 'add-copies')).toThrow(
      '"Prod" was crypto-erased; it has no key to copy.',
    );
    expect(codeOf(() => requireAllowed(set('cancelled', 0), 'commit'))).toBe('USB_KEYSET_WRONG_STATE');
  });

  it('commits only at the minimum number of verified copies', () => {
    expect(codeOf(() => requireEnoughCopies(set('preparing', 0, 1), 3))).toBe('ok');
    expect(() => requireEnoughCopies(set('preparing', 0, 1), 2)).toThrow(
      '"Prod" has 2 verified copies of generation 1; at least 3 are needed before it can be committed. Write it to more drives (custos usb add-copies) or cancel.',
    );
    expect(() => requireEnoughCopies(set('rekeying', 1, 2), 1)).toThrow(/has 1 verified copy of generation 2/);
  });

  it('rekeys only with the current key on an inserted drive', () => {
    expect(codeOf(() => requireCurrentKeyInserted(set('active', 4), 'ABCD', 1))).toBe('ok');
    expect(() => requireCurrentKeyInserted(set('active', 4), 'ABCD', 0)).toThrow(
      'Rekey refused: no inserted drive holds the current key of "Prod" (generation 4, KCV ABCD). Insert a drive that holds it.',
    );
  });

  it('erases only when the name is typed exactly', () => {
    expect(codeOf(() => requireEraseConfirmed(set('active'), 'Prod'))).toBe('ok');
    expect(codeOf(() => requireEraseConfirmed(set('active'), 'prod'))).toBe('USB_ERASE_NOT_CONFIRMED');
    expect(codeOf(() => requireEraseConfirmed(set('active'), ' Prod'))).toBe('USB_ERASE_NOT_CONFIRMED');
  });

  it('checks names, serials and copy counts', () => {
    expect(normalizeKeySetName('  Storwize Prod ')).toBe('Storwize Prod');
    expect(codeOf(() => normalizeKeySetName(' '))).toBe('USB_KEYSET_NAME_INVALID');
    expect(codeOf(() => normalizeKeySetName('a\tb'))).toBe('USB_KEYSET_NAME_INVALID');
    expect(codeOf(() => normalizeKeySetName('x'.repeat(65)))).toBe('USB_KEYSET_NAME_INVALID');
    expect(normalizeSerial(undefined)).toBe('');
    expect(codeOf(() => normalizeSerial('s'.repeat(65)))).toBe('USB_SERIAL_INVALID');
    expect(codeOf(() => checkCopyCounts(3, 4))).toBe('ok');
    expect(codeOf(() => checkCopyCounts(2, 4))).toBe('USB_COPIES_INVALID');
    expect(codeOf(() => checkCopyCounts(4, 3))).toBe('USB_COPIES_INVALID');
    expect(codeOf(() => checkCopyCounts(3, 17))).toBe('USB_COPIES_INVALID');
  });
});

describe('validation verdicts', () => {
  const row = (over: Partial<KeySetRow>): KeySetRow => ({
    id: 'set-a',
    name: 'Prod',
    name_key: 'prod',
    serial: '',
    state: 'rekeying',
    generation: 3,
    generation_created_at: null,
    current_kcv: 'C3',
    pending_generation: 4,
    pending_created_at: null,
    pending_kcv: 'C4',
    pending_sealed: null,
    escrow: 0,
    escrow_sealed: null,
    min_copies: 3,
    target_copies: 4,
    created_at: '',
    updated_at: '',
    erased_at: null,
    ...over,
  });
  const prod = row({});
  const other = row({ id: 'set-b', name: 'Other', state: 'active', pending_generation: null, pending_kcv: null });
  const sets = new Map([
    [prod.id, prod],
    [other.id, other],
  ]);
  const file = (over: object) => ({
    fileName: 'custos_prod_3.key',
    temp: false,
    keySetId: 'set-a',
    keySetName: 'Prod',
    generation: 3,
    kcv: 'C3',
    code: null,
    sentence: null,
    ...over,
  });
  const v = (over: object, only = prod) => verdict(file(over), sets, only).verdict;

  it('names the current, pending, old, mismatched, foreign, corrupt and unfinished files', () => {
    expect(v({})).toBe('current');
    expect(v({ generation: 4, kcv: 'C4' })).toBe('pending');
    expect(v({ generation: 2, kcv: 'C2' })).toBe('old');
    expect(v({ generation: 3, kcv: 'XX' })).toBe('mismatch');
    expect(v({ keySetId: 'set-b', keySetName: 'Other' })).toBe('foreign');
    expect(verdict(file({ keySetId: 'set-b' }), sets, null).verdict).toBe('current');
    expect(v({ keySetId: 'elsewhere', keySetName: 'Theirs' })).toBe('foreign');
    expect(v({ keySetId: null, generation: null, kcv: null, code: 'USB_KEY_FILE_CORRUPT', sentence: 'damaged' })).toBe(
      'corrupt',
    );
    expect(v({ temp: true })).toBe('unfinished');
    expect(verdict(file({}), new Map([[prod.id, { ...prod, state: 'erased' as const }]]), null).verdict).toBe(
      'erased-set',
    );
    expect(verdict(file({ generation: 5, kcv: 'C5' }), sets, prod).sentence).toBe(
      'Holds a prepared key of "Prod" that was cancelled (generation 5); the current key is generation 3.',
    );
  });
});
