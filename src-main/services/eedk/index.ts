export { EedkService } from './eedk';
export type { UnwrapResult, WrapRequest } from './eedk';
export { decodeEedkSet, encodeEedkSet, unwrapRecord, DATA_KEY_BYTES } from './format';
export type { EedkRecord, EedkSet, EedkTarget, KeyLabelEncoding } from './format';
