export {
  encodeKeyFile,
  decodeKeyFile,
  KEY_FILE_MAGIC,
  KEY_FILE_VERSION,
  ACCESS_KEY_BYTES,
  MAX_KEY_FILE_BYTES,
} from './format';
export type { KeyFileContent } from './format';
export { keyCheckValue, keyMatchesCheckValue, KCV_BYTES } from './kcv';
export {
  keyFileName,
  keyFileStem,
  parseKeyFileName,
  keyFileNameParts,
  isKeyTempFileName,
  sameFileName,
} from './file-name';
export { scanKeyFiles, readKeyFileOn, keyFileNamesOn, wipeReadings } from './scan';
export type { KeyFileReading } from './scan';
