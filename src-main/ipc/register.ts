import { BoundaryCode, calls, failure, isCallName, isCustosError, ok } from '../contract';
import type { CallName, CallOutput, Result } from '../contract';
import type { z } from 'zod';

/** What a handler gets to implement: the parsed input in, the contract's output out. */
export type Handlers = {
  [N in CallName]: (input: z.output<(typeof calls)[N]['input']>) => Promise<CallOutput<N>> | CallOutput<N>;
};

export interface Binder<Sender> {
  dispatch(channel: unknown, input: unknown, sender: Sender): Promise<Result<unknown>>;
}

export interface BinderOptions<Sender> {
  handlers: Handlers;
  /** Transport-specific: is this the window (or socket) we created? */
  isTrustedSender: (sender: Sender) => boolean;
  /** Where unexpected failures are reported. Receives the error's name and first stack frame only. */
  reportInternal?: (channel: string, summary: string) => void;
}

/**
 * The one path every call takes, whatever the transport:
 * trusted sender -> input parse -> handler -> output parse -> Result envelope.
 */
export function createBinder<Sender>(options: BinderOptions<Sender>): Binder<Sender> {
  const { handlers, isTrustedSender, reportInternal = () => {} } = options;
  return {
    async dispatch(channel, rawInput, sender) {
      if (!isTrustedSender(sender)) {
        return failure(
          BoundaryCode.UntrustedSender,
          'This request did not come from the Custos window, so it was refused.',
        );
      }
      if (!isCallName(channel)) {
        return failure(BoundaryCode.UnknownChannel, 'Custos does not offer that operation.');
      }
      const spec = calls[channel];
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        return failure(BoundaryCode.InvalidInput, describeInvalidInput(channel, parsed.error));
      }
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          reportInternal(
            channel,
            `output does not match the contract: ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`,
          );
          return internalFailure();
        }
        return ok(checked.data);
      } catch (e) {
        if (isCustosError(e)) return failure(e.code, e.message);
        reportInternal(channel, summarize(e));
        return internalFailure();
      }
    },
  };
}

function internalFailure() {
  return failure(
    BoundaryCode.Internal,
    'Custos hit an unexpected internal error; nothing was changed by this request. The station log has details.',
  );
}

/** Names the offending fields, never their values (they may be passphrases). */
function describeInvalidInput(channel: string, error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((i) => (i.path.length ? i.path.join('.') : '(input)')))];
  return `The request for ${channel} was malformed (check: ${fields.join(', ')}); nothing was changed.`;
}

function summarize(e: unknown): string {
  if (e instanceof Error) {
    const frame =
      e.stack
        ?.split('\n')
        .find((l) => l.trim().startsWith('at '))
        ?.trim() ?? '';
    return `${e.name} ${frame}`;
  }
  return typeof e;
}
