import { describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { certificatesPem } from '../../../../src-main/services/kmip/client/tls-material';
import { issue } from '../../../helpers/pki';
import { tempDir } from '../../../helpers/temp';

// The CA files a custodian hands over: bundles with OpenSSL's "Bag Attributes" text, CRLF, DER.
describe('certificatesPem reads CA files through the station PEM reader', () => {
  const dir = tempDir('tls-material').path;
  const a = issue(dir, 'a', { cn: 'ca-a', ca: true });
  const b = issue(dir, 'b', { cn: 'ca-b', ca: true });
  const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

  it('reads every certificate of a bundle, skipping text and keys between blocks', () => {
    const bundle = `Bag Attributes\n    friendlyName: a\n${a.certPem}\n${a.keyPem}subject=/CN=ca-b\n${b.certPem}`;
    const read = certificatesPem(Buffer.from(bundle), 'CA certificate');
    expect(read.map(fingerprint)).toEqual([fingerprint(a.certPem), fingerprint(b.certPem)]);
  });

  it('reads CRLF line ends and DER', () => {
    expect(certificatesPem(Buffer.from(a.certPem.replace(/\n/g, '\r\n')), 'CA certificate').map(fingerprint)).toEqual([
      fingerprint(a.certPem),
    ]);
    expect(certificatesPem(a.der, 'CA certificate').map(fingerprint)).toEqual([fingerprint(a.certPem)]);
  });

  it('names a cut, corrupt or key-only file TLS_MATERIAL_INVALID', () => {
    const cut = a.certPem.slice(0, a.certPem.length - 30);
    const corrupt = a.certPem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    for (const bad of [cut, corrupt, a.keyPem, 'not a certificate'])
      expect(() => certificatesPem(Buffer.from(bad), 'CA certificate')).toThrow(
        expect.objectContaining({ code: 'TLS_MATERIAL_INVALID' }),
      );
  });
});
