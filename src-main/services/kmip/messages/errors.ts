import { CustosError } from '../../../contract/errors';

/** Stable codes for KMIP messages whose items are well encoded but do not form the message KMIP defines. */
export const KmipMessageError = {
  /** The top-level item is not the message expected (e.g. a request where a response belongs). */
  Unexpected: 'KMIP_MESSAGE_UNEXPECTED',
  MissingField: 'KMIP_MESSAGE_MISSING_FIELD',
  /** A field has the wrong item type, or a value its field does not allow. */
  BadField: 'KMIP_MESSAGE_BAD_FIELD',
  /** The header's Batch Count disagrees with the number of batch items. */
  BatchCount: 'KMIP_MESSAGE_BATCH_COUNT',
} as const;

export type KmipMessageErrorCode = (typeof KmipMessageError)[keyof typeof KmipMessageError];

export function messageError(code: KmipMessageErrorCode, message: string): CustosError {
  return new CustosError(code, message);
}

export function checkBatchCount(stated: number, actual: number, kind: 'request' | 'response'): void {
  if (stated !== actual) {
    throw messageError(
      KmipMessageError.BatchCount,
      `The KMIP ${kind} says it holds ${stated} batch items but holds ${actual}.`,
    );
  }
}
