/**
 * PEM armour, read and written in one place for every service: keystore files, certificates and
 * requests made here, certificates a custodian brings for a key server. Works on bytes so that a
 * private key never passes through a JavaScript string.
 */
export { encodePemBlock, hasPemArmor, parsePemBlocks } from './armor';
export type { PemBlock } from './armor';
export { decodeBase64, encodeBase64Lines } from './base64';
export { MalformedError } from './malformed';
export { certificateDerFrom, toPem } from './text';
