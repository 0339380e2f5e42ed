import { z } from 'zod';
import { ErrorCodeSchema } from './errors';

/** What every call returns across a boundary: a value, or a code and a sentence. Never a stack. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export const FailureSchema = z.strictObject({
  ok: z.literal(false),
  code: ErrorCodeSchema,
  message: z.string(),
});
export type Failure = z.infer<typeof FailureSchema>;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(code: string, message: string): Failure {
  return { ok: false, code, message };
}
