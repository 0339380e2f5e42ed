import { fail, KeystoreFileCode } from '../../../contract';

/** Keystores are kilobytes; anything past this is refused before a byte is parsed. */
export const MAX_KEYSTORE_BYTES = 32 * 1024 * 1024;

/** Highest PBE iteration count accepted on read, as Java's own JCEKS reader caps it. */
export const MAX_PBE_ITERATIONS = 5_000_000;

export function assertKeystoreSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_KEYSTORE_BYTES) {
    fail(
      KeystoreFileCode.TooLarge,
      `The file is ${bytes.length} bytes; keystore files larger than ${MAX_KEYSTORE_BYTES} bytes (32 MiB) are refused.`,
    );
  }
}
