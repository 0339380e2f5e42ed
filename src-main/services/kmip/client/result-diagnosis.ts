import { CustosError } from '../../../contract/errors';
import type { ResponseBatchItem } from '../messages';
import { enumerationNames, ResultReason, Tag } from '../spec';
import type { ClientCertificateFacts } from './client-certificate';
import { noClientAuthError } from './client-certificate';
import { KmipCode } from '../../../contract';

export interface ResultContext {
  /** "key server 127.0.0.1:5696" */
  readonly server: string;
  /** "Create", "Get": what was asked. */
  readonly operation: string;
  /** The object the request named, for sentences. */
  readonly uniqueIdentifier?: string;
  readonly clientCertificate?: ClientCertificateFacts;
}

function reasonName(reason: number | undefined): string {
  if (reason === undefined) return 'no reason given';
  return enumerationNames(Tag.ResultReason)?.nameOf.get(reason) ?? `reason 0x${reason.toString(16)}`;
}

function quoted(message: string | undefined): string {
  return message === undefined || message === '' ? '' : ` The server said: "${message}"`;
}

/** A failed batch item in a custodian's words, with a stable code per cause. */
export function resultError(item: ResponseBatchItem, context: ResultContext): CustosError {
  const { server, operation } = context;
  const target = context.uniqueIdentifier === undefined ? '' : ` of object ${context.uniqueIdentifier}`;
  const said = quoted(item.resultMessage);
  switch (item.resultReason) {
    case ResultReason.ItemNotFound:
    case ResultReason.ObjectNotFound:
      return new CustosError(
        KmipCode.ItemNotFound,
        `The ${server} found no object for ${operation}${target}: it does not exist, was destroyed, or is not visible to this workstation's identity.${said}`,
      );
    case ResultReason.PermissionDenied:
    case ResultReason.NotAuthorised:
      // Servers also deny by state (PyKMIP: destroying an active key), so the sentence names both.
      return new CustosError(
        KmipCode.PermissionDenied,
        `The ${server} denied ${operation}${target}: this workstation's identity lacks the permission, or the object's state does not allow it.${said}`,
      );
    case ResultReason.OperationNotSupported:
      return new CustosError(
        KmipCode.OperationNotSupported,
        `The ${server} does not support ${operation} (in the KMIP version in use).${said}`,
      );
    case ResultReason.AuthenticationNotSuccessful: {
      const ours = context.clientCertificate;
      if (ours === undefined) {
        return new CustosError(
          KmipCode.AuthFailed,
          `The ${server} did not authenticate this workstation (no client certificate was given).${said}`,
        );
      }
      // PyKMIP answers this when the certificate lacks clientAuth, though the handshake succeeded.
      if (ours.extendedKeyUsage !== 'clientAuth') return noClientAuthError(ours);
      return new CustosError(
        KmipCode.AuthFailed,
        `The ${server} did not accept our client certificate (${ours.subject}, SHA-256 ${ours.fingerprint256}): it is not yet registered or trusted there. Ask its administrator to accept it.${said}`,
      );
    }
    default:
      return new CustosError(
        KmipCode.OperationFailed,
        `The ${server} refused ${operation}${target}: ${reasonName(item.resultReason)}.${said}`,
      );
  }
}
