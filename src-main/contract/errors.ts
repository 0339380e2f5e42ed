import { z } from 'zod';

/**
 * Every failure that crosses a boundary (IPC, WebSocket, CLI) is a stable code plus one
 * sentence a custodian can act on. Codes are UPPER_SNAKE and never change meaning once
 * shipped; each domain documents its own next to the code that raises them.
 */
export const ErrorCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/);
export type ErrorCode = string;

/** Codes raised by the IPC machinery itself, not by a domain. */
export const BoundaryCode = {
  InvalidInput: 'INVALID_INPUT',
  UntrustedSender: 'UNTRUSTED_SENDER',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  Internal: 'INTERNAL',
} as const;

/**
 * The one error type domain code throws. `message` must be safe to show and to log:
 * never a passphrase, key bytes or a stack.
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

export function isCustosError(e: unknown): e is CustosError {
  return e instanceof CustosError;
}
