import { fail, CertCode } from '../../../contract';
import { encodePemBlock, hasPemArmor, parsePemBlocks } from './armor';
import { MalformedError } from './malformed';

/** A public object (certificate, certificate request) as PEM text, 64 columns. */
export function toPem(der: Buffer, label = 'CERTIFICATE'): string {
  return encodePemBlock(label, der).toString('latin1');
}

/**
 * The certificate in a file a custodian brings: the first CERTIFICATE block of a PEM file (the
 * leaf, when a chain follows), or the file itself when it is DER.
 */
export function certificateDerFrom(file: Buffer): Buffer {
  if (!hasPemArmor(file)) {
    if (file.length === 0) fail(CertCode.Invalid, 'That file holds no certificate.');
    return file;
  }
  let blocks;
  try {
    blocks = parsePemBlocks(file);
  } catch (e) {
    if (e instanceof MalformedError) fail(CertCode.Invalid, `That PEM file is damaged: ${e.message}.`);
    throw e;
  }
  const certificate = blocks.find((b) => b.label === 'CERTIFICATE');
  if (!certificate || certificate.der.length === 0) fail(CertCode.Invalid, 'That file holds no certificate.');
  return certificate.der;
}
