import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls } from '../../../../src-main/contract';
import { fieldErrors, hasErrors } from '../../../../src-renderer/wizard/field-errors';

const server = calls['servers.add'].input.pick({ name: true, address: true, kmipPort: true });
const valid = { name: 'SKLM primary', address: 'kms1.example.com', kmipPort: 5696 };

describe("fieldErrors: the contract schema, in the custodian's words", () => {
  it('finds nothing wrong with what main would take', () => {
    expect(fieldErrors(server, valid)).toEqual({});
    expect(hasErrors(fieldErrors(server, valid))).toBe(false);
  });

  it('names each failing field once, with the first rule it breaks', () => {
    const errors = fieldErrors(server, { name: '', address: 'x'.repeat(256), kmipPort: 70_000 });
    expect(errors).toEqual({ name: 'Required.', address: 'At most 255 characters.', kmipPort: 'At most 65535.' });
    expect(hasErrors(errors)).toBe(true);
  });

  it('says what a number field needs', () => {
    expect(fieldErrors(server, { ...valid, kmipPort: Number.NaN }).kmipPort).toBe('Enter a number.');
    expect(fieldErrors(server, { ...valid, kmipPort: 56.5 }).kmipPort).toBe('Enter a whole number.');
    expect(fieldErrors(server, { ...valid, kmipPort: 0 }).kmipPort).toBe('At least 1.');
  });

  it('agrees with main: a field is flagged exactly when main would refuse the call for it', () => {
    for (const kmipPort of [0, 1, 5696, 65535, 65536, 1.5]) {
      const input = { ...valid, kmipPort };
      const refused = !calls['servers.add'].input.safeParse(input).success;
      expect(hasErrors(fieldErrors(server, input)), `port ${kmipPort}`).toBe(refused);
    }
  });

  it('files an array element under its field', () => {
    const identity = calls['identity.createCsr'].input.pick({ subjectAltNames: true });
    expect(fieldErrors(identity, { subjectAltNames: ['ok', ''] })).toEqual({ subjectAltNames: 'Required.' });
    expect(fieldErrors(identity, { subjectAltNames: Array.from({ length: 21 }, (_, i) => `h${i}`) })).toEqual({
      subjectAltNames: 'At most 20.',
    });
  });

  it('phrases the other kinds of rule too', () => {
    const drives = calls['usb.create'].input.pick({ drives: true });
    expect(fieldErrors(drives, { drives: [] })).toEqual({ drives: 'Choose at least one.' });
    const format = calls['keystore.importPreview'].input.pick({ format: true });
    expect(fieldErrors(format, { format: 'zip' as 'pem' })).toEqual({ format: 'Choose one of the offered values.' });
    const longer = z.strictObject({ code: z.string().min(4), copies: z.array(z.string()).min(2) });
    expect(fieldErrors(longer, { code: 'ab', copies: [] })).toEqual({
      code: 'At least 4 characters.',
      copies: 'Choose at least 2.',
    });
    // A rule with no wording of ours keeps zod's own sentence.
    const pattern = z.strictObject({ base64: z.string().regex(/^[A-Z]+$/) });
    expect(fieldErrors(pattern, { base64: 'abc' }).base64).toMatch(/Invalid string/);
  });
});
