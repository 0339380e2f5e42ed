import { z } from 'zod';
import type { ErrorCode } from './catalogue';

/**
 * The one error type domain code throws. `message` must be safe to show and to log: never a
 * passphrase, key bytes or a stack. The code comes from a catalogue, never a bare string.
 */
export class CustosError extends Error {
  override readonly name = 'CustosError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one way to raise: a catalogued code and a sentence a custodian can act on. */
export function fail(code: ErrorCode, sentence: string): never {
  throw new CustosError(code, sentence);
}

export function isCustosError(e: unknown): e is CustosError {
  return e instanceof CustosError;
}

/** The wire shape of a code: the renderer and CLI also meet codes from newer stations. */
export const ErrorCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/);
