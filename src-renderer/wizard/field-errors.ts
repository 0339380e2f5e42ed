import type { z } from 'zod';

/** The first sentence per field that failed, keyed by field name. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/**
 * Checks a step's fields with the contract's schema for the call they feed (or a `.pick()` of
 * it), so a rule is written once, in the contract, and main and the wizard agree on it.
 */
export function fieldErrors<S extends z.ZodObject>(
  schema: S,
  values: z.input<S>,
): FieldErrors<keyof z.input<S> & string> {
  type Field = keyof z.input<S> & string;
  const result = schema.safeParse(values, { error: inCustodianWords });
  const errors = new Map<Field, string>();
  if (result.success) return {};
  const isField = (key: PropertyKey | undefined): key is Field => typeof key === 'string' && key in schema.shape;
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (isField(field) && !errors.has(field)) errors.set(field, issue.message);
  }
  return Object.fromEntries(errors) as FieldErrors<Field>;
}

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/**
 * The schema's rule said as a custodian reads it beside a field ("At most 128 characters.")
 * rather than zod's developer wording; anything not listed keeps zod's own message.
 */
export const inCustodianWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === '') return 'Required.';
      if (issue.expected === 'int') return 'Enter a whole number.';
      if (issue.expected === 'number') return 'Enter a number.';
      return undefined;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min === 1 ? 'Required.' : `At least ${min} characters.`;
      if (issue.origin === 'array') return min === 1 ? 'Choose at least one.' : `Choose at least ${min}.`;
      if (issue.origin === 'number') return `At least ${min}.`;
      return undefined;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `At most ${max} characters.`;
      if (issue.origin === 'array') return `At most ${max}.`;
      if (issue.origin === 'number') return `At most ${max}.`;
      return undefined;
    }
    case 'invalid_value':
      return 'Choose one of the offered values.';
    default:
      return undefined;
  }
};
