import { CustosError, TokenCode } from '../../contract';

/** The CKR_ name pkcs11js put in an error, or null when it is not a PKCS#11 return code. */
export function ckrName(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const match = /CKR_[A-Z0-9_]+/.exec(e.message);
  return match ? match[0] : null;
}

/**
 * A PKCS#11 failure as a sentence the custodian can act on, with the token's own CKR_ code in it
 * (the common complaint about token tools is a bare CKR code or silence). Never includes a PIN.
 */
export function tokenRefusal(e: unknown, token: string, action: string): CustosError {
  if (e instanceof CustosError) return e;
  const ckr = ckrName(e);
  switch (ckr) {
    case 'CKR_PIN_INCORRECT':
      return new CustosError(
        TokenCode.PinIncorrect,
        `The token "${token}" refused the PIN (${ckr}): check it and try again; after a few wrong tries most tokens lock the PIN.`,
      );
    case 'CKR_PIN_LOCKED':
      return new CustosError(
        TokenCode.PinLocked,
        `The user PIN of the token "${token}" is locked after too many wrong tries (${ckr}): the token's security officer must unlock it with the SO PIN before anyone can log in.`,
      );
    case 'CKR_PIN_EXPIRED':
    case 'CKR_PIN_LEN_RANGE':
      return new CustosError(
        TokenCode.PinIncorrect,
        `The token "${token}" does not accept this PIN (${ckr}): set a new user PIN with the token's own tool first.`,
      );
    case 'CKR_DEVICE_MEMORY':
      return new CustosError(
        TokenCode.Full,
        `The token "${token}" is full (${ckr}) and could not ${action}; nothing was left on it. Delete unused keys from the token or use another one.`,
      );
    case 'CKR_MECHANISM_INVALID':
    case 'CKR_MECHANISM_PARAM_INVALID':
      return new CustosError(
        TokenCode.MechanismMissing,
        `The token "${token}" cannot ${action}: it lacks the algorithm Custos needs (${ckr}). Use a token that supports RSA key generation, SHA-256 RSA signatures and RSA-OAEP or raw RSA decryption.`,
      );
    case 'CKR_TOKEN_NOT_PRESENT':
    case 'CKR_DEVICE_REMOVED':
    case 'CKR_SLOT_ID_INVALID':
    case 'CKR_SESSION_HANDLE_INVALID':
    case 'CKR_SESSION_CLOSED':
    case 'CKR_TOKEN_NOT_RECOGNIZED':
      return new CustosError(
        TokenCode.Absent,
        `The token "${token}" is no longer reachable (${ckr}): plug it in again, then log in again.`,
      );
    case 'CKR_USER_NOT_LOGGED_IN':
      return new CustosError(TokenCode.NotLoggedIn, `Log in to the token "${token}" with its user PIN first (${ckr}).`);
    case 'CKR_KEY_FUNCTION_NOT_PERMITTED':
    case 'CKR_KEY_TYPE_INCONSISTENT':
      return new CustosError(
        TokenCode.MechanismMissing,
        `The key on the token "${token}" is not allowed to ${action} (${ckr}): it was made for another use; make a new KEK on the token instead.`,
      );
    case 'CKR_KEY_HANDLE_INVALID':
    case 'CKR_OBJECT_HANDLE_INVALID':
      return new CustosError(
        TokenCode.KeyMissing,
        `The key is no longer on the token "${token}" (${ckr}): it was deleted with another tool; log out and in again, or adopt what the token holds now.`,
      );
    case 'CKR_ATTRIBUTE_SENSITIVE':
      return new CustosError(
        TokenCode.KeyNotExtractable,
        `The token "${token}" keeps that key's private part inside (${ckr}); it cannot be exported.`,
      );
    default:
      return new CustosError(
        TokenCode.Failed,
        `The token "${token}" could not ${action} (${ckr ?? (e instanceof Error ? e.message.split('\n')[0] : 'error')}).`,
      );
  }
}
