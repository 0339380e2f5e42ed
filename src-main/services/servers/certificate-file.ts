/** The first certificate of a file a custodian hands over: PEM (one or more blocks, the leaf first) or DER. */
export function firstCertificateDer(file: Buffer): Buffer {
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(file.toString('latin1'));
  return pem?.[1] ? Buffer.from(pem[1].replace(/\s+/g, ''), 'base64') : file;
}
