import { MalformedError } from './errors';
import { SECRET_KEY_ALGORITHMS, type SecretKeyAlgorithm } from './model';
import { fail, KeystoreFileCode } from '../../../contract';

/** Maps a JCA algorithm name to the ones carried; anything else is an unsupported entry naming the alias. */
export function secretKeyAlgorithm(name: string, alias: string): SecretKeyAlgorithm {
  const found = SECRET_KEY_ALGORITHMS.find((known) => known.toLowerCase() === name.toLowerCase());
  if (found === undefined) {
    fail(
      KeystoreFileCode.UnsupportedEntry,
      `The entry '${alias}' is a ${name} secret key, which this app does not carry.`,
    );
  }
  return found;
}

/** Refuses key lengths no JCA provider would accept for the algorithm. */
export function checkSecretKeyLength(algorithm: SecretKeyAlgorithm, length: number, alias: string): void {
  const ok = algorithm === 'AES' ? [16, 24, 32].includes(length) : algorithm === 'DESede' ? length === 24 : length > 0;
  if (!ok) throw new MalformedError(`the ${algorithm} key '${alias}' is ${length} bytes long`);
}
