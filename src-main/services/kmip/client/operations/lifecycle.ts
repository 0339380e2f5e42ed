import { Operation, RevocationReasonCode, Tag } from '../../spec';
import { dateTime, enumeration, structure, textString } from '../../ttlv';
import {
  identifierOnly,
  readObjectId,
  uniqueIdentifierField,
  type KmipObjectId,
  type KmipOperation,
} from './operation';

/** Activate: the object may now be used to protect data. */
export function activate(id?: string): KmipOperation<KmipObjectId> {
  return identifierOnly(Operation.Activate, id);
}

/** Destroy: the server erases the key material (revoke an active key first). */
export function destroy(id?: string): KmipOperation<KmipObjectId> {
  return identifierOnly(Operation.Destroy, id);
}

export interface Revocation {
  /** A RevocationReasonCode value; Cessation Of Operation unless given. */
  readonly reason?: number;
  readonly message?: string;
  /** When the key was compromised; KMIP requires it for Key Compromise. */
  readonly compromisedAt?: Date;
}

/** Revoke: the object may no longer protect new data (Deactivated, or Compromised). */
export function revoke(id?: string, revocation: Revocation = {}): KmipOperation<KmipObjectId> {
  return {
    operation: Operation.Revoke,
    idempotent: false,
    uniqueIdentifier: id,
    payload: () => [
      ...uniqueIdentifierField(id),
      structure(Tag.RevocationReason, [
        enumeration(Tag.RevocationReasonCode, revocation.reason ?? RevocationReasonCode.CessationOfOperation),
        ...(revocation.message === undefined ? [] : [textString(Tag.RevocationMessage, revocation.message)]),
      ]),
      ...(revocation.compromisedAt === undefined
        ? []
        : [dateTime(Tag.CompromiseOccurrenceDate, revocation.compromisedAt)]),
    ],
    read: readObjectId,
  };
}
