export { readPkcs12 } from './pkcs12/read-pkcs12';
export { writePkcs12, type Pkcs12Protection, type Pkcs12WriteOptions } from './pkcs12/write-pkcs12';
