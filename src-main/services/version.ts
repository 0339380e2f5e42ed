import pkg from '../../package.json';

export const CUSTOS_VERSION: string = pkg.version;
