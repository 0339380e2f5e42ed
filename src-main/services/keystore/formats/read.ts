import { readDerCertificate, readDerPrivateKey } from './der';
import { detectKeystoreFormat } from './detect';
import { readJceks } from './jceks';
import { readJks } from './jks';
import type { KeystoreContents, KeystoreFormat } from './model';
import type { KeystoreReadOptions } from './options';
import { readPem } from './pem';
import { readPkcs12 } from './pkcs12/read-pkcs12';
import { WorkBudget, withWorkBudget } from './work-budget';

export interface ReadKeystoreOptions extends KeystoreReadOptions {
  /** The format the caller knows; detected from the bytes when absent. */
  readonly format?: KeystoreFormat;
  /** The whole file's key-derivation budget; a fresh default one when absent. */
  readonly budget?: WorkBudget;
}

/** Reads any supported keystore file into format-neutral entries. */
export function readKeystore(bytes: Buffer, options: ReadKeystoreOptions = {}): KeystoreContents {
  return withWorkBudget(options.budget ?? new WorkBudget(), () => readAnyFormat(bytes, options));
}

function readAnyFormat(bytes: Buffer, options: ReadKeystoreOptions): KeystoreContents {
  const format = options.format ?? detectKeystoreFormat(bytes);
  switch (format) {
    case 'pkcs12':
      return readPkcs12(bytes, options);
    case 'jks':
      return readJks(bytes, options);
    case 'jceks':
      return readJceks(bytes, options);
    case 'pem':
      return readPem(bytes, options);
    case 'der-certificate':
      return readDerCertificate(bytes);
    case 'der-private-key':
      return readDerPrivateKey(bytes, options);
  }
}
