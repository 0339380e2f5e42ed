import { CustosError, KeystoreFileCode } from '../../../contract';

import { MalformedError } from '../../certs';

/** Low-level parsers throw certs' MalformedError (PEM armour lives there); readers report it as KEYSTORE_CORRUPT. */
export { MalformedError };

export function corrupt(formatName: string, detail: string): CustosError {
  return new CustosError(KeystoreFileCode.Corrupt, `The ${formatName} file is damaged: ${detail}.`);
}

/** Runs a parse step and reports low-level structure errors as a damaged file of the named format. */
export function parseOrCorrupt<T>(formatName: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof MalformedError) throw corrupt(formatName, e.message);
    throw e;
  }
}
