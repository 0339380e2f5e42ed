export { Tokens } from './tokens';
export type { TokensOptions } from './tokens';
export { installedModules, loadLibrary } from './pkcs11';
export type { Cryptoki, ModuleLoader } from './pkcs11';
export { decodeOaepSha256 } from './oaep';
