import { describe, expect, it } from 'vitest';
import { isErrorCode } from '../../../src-main/contract';
import { tokenRefusal } from '../../../src-main/services/tokens/refusals';

describe('token refusals', () => {
  const cases: [string, string][] = [
    ['CKR_PIN_INCORRECT', 'TOKEN_PIN_INCORRECT'],
    ['CKR_PIN_LOCKED', 'TOKEN_PIN_LOCKED'],
    ['CKR_DEVICE_MEMORY', 'TOKEN_FULL'],
    ['CKR_MECHANISM_INVALID', 'TOKEN_MECHANISM_MISSING'],
    ['CKR_TOKEN_NOT_PRESENT', 'TOKEN_ABSENT'],
    ['CKR_DEVICE_REMOVED', 'TOKEN_ABSENT'],
    ['CKR_USER_NOT_LOGGED_IN', 'TOKEN_NOT_LOGGED_IN'],
    ['CKR_ATTRIBUTE_SENSITIVE', 'KEY_NOT_EXTRACTABLE'],
    ['CKR_GENERAL_ERROR', 'TOKEN_FAILED'],
  ];
  it.each(cases)('%s becomes %s, with the CKR name and the token in the sentence', (ckr, code) => {
    const error = tokenRefusal(new Error(`${ckr}:5`), 'Vault HSM', 'log in');
    expect(error.code).toBe(code);
    expect(isErrorCode(error.code)).toBe(true);
    expect(error.message).toContain(ckr);
    expect(error.message).toContain('Vault HSM');
  });
});
