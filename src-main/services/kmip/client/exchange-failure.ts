import { CustosError } from '../../../contract/errors';
import type { ExchangeFailure } from './connection';
import { operationName, type KmipOperation } from './operations/operation';
import { KmipCode, NetworkCode } from '../../../contract';

const CHECK_FIRST =
  'Whether the server carried it out is unknown, so Custos did not send it again; check (for example with Locate) before retrying.';

/** "the Create request", "a batch of 3 requests (Create, Activate)". */
export function describeRequest(operations: readonly KmipOperation<unknown>[]): string {
  const names = operations.map((operation) => operationName(operation.operation));
  return names.length === 1
    ? `the ${names[0] ?? ''} request`
    : `a batch of ${names.length} requests (${[...new Set(names)].join(', ')})`;
}

/** A change went out and no readable answer came back. */
export function outcomeUnknown(
  server: string,
  operations: readonly KmipOperation<unknown>[],
  failure: ExchangeFailure,
  timeoutMs: number,
): CustosError {
  const what =
    failure.kind === 'timeout'
      ? `no answer came within ${timeoutMs / 1000} s`
      : failure.kind === 'bad-frame'
        ? `the answer was unreadable (${failure.error.message})`
        : 'the connection broke before the answer came';
  const request = describeRequest(operations);
  return new CustosError(
    KmipCode.OutcomeUnknown,
    `${request.charAt(0).toUpperCase()}${request.slice(1)} was sent to the ${server}, but ${what}. ${CHECK_FIRST}`,
  );
}

/** A change was answered with bytes Custos cannot read. */
export function unreadableAnswer(
  server: string,
  operations: readonly KmipOperation<unknown>[],
  why: CustosError,
): CustosError {
  return new CustosError(
    KmipCode.OutcomeUnknown,
    `The ${server} answered ${describeRequest(operations)} with a message Custos cannot read (${why.message}) ${CHECK_FIRST}`,
  );
}

/** A read (or a request never sent) got no answer. */
export function transportError(server: string, failure: ExchangeFailure, timeoutMs: number): CustosError {
  if (failure.kind === 'timeout')
    return new CustosError(NetworkCode.Timeout, `The ${server} did not answer within ${timeoutMs / 1000} s.`);
  if (failure.kind === 'bad-frame') return failure.error;
  const code =
    failure.kind === 'lost' && failure.code !== undefined && failure.code !== 'EOF' ? ` (${failure.code})` : '';
  return new CustosError(
    NetworkCode.ConnectionLost,
    `The connection to the ${server} broke before it answered${code}.`,
  );
}
