import { fail, KeystoreCode } from '../../contract';
import type { AuditLog } from '../audit';
import { writeCertificateDer, writeCertificatesPem, writeJceks, writePkcs12, wipeKeystoreEntries } from './formats';
import type { KeystoreEntry } from './formats';
import type { Keystore } from './keystore';

export type ExportFormat = 'pkcs12' | 'jceks' | 'pem' | 'der';

export interface ExportRequest {
  labels: string[];
  format: ExportFormat;
  storePassword?: string;
  legacy?: boolean;
}

export interface ExportedFile {
  bytes: Buffer;
  extension: string;
  entries: number;
  warning: string | null;
}

/** keytool refuses store passwords shorter than this; so do we, so our files always open there. */
export const MIN_STORE_PASSWORD = 6;
export const LEGACY_WARNING =
  'Legacy PKCS#12 protects keys with 3DES and SHA-1. Use it only for an appliance that cannot read the modern format, and move the file over a trusted path.';

/**
 * Writes entries out for another keystore: PKCS#12 or JCEKS with their secrets (under a store
 * password), or PEM/DER certificates (public halves only, e.g. a KEK for the partner site).
 */
export function exportEntries(keystore: Keystore, audit: AuditLog, request: ExportRequest): ExportedFile {
  const views = request.labels.map((l) => keystore.show(l));
  const unique = [...new Map(views.map((v) => [v.id, v])).values()];
  if (request.format === 'pem' || request.format === 'der') {
    const certificates = unique.map((v) => {
      if (!v.certificate)
        fail(
          KeystoreCode.ExportNotPublic,
          `"${v.label}" is a secret key: it has no public half to export as ${request.format.toUpperCase()}; use PKCS#12 or JCEKS.`,
        );
      return keystore.certificateOf(v.label);
    });
    if (request.format === 'der' && certificates.length !== 1)
      fail(KeystoreCode.ExportDerOne, 'A DER file holds one certificate; export one label, or use PEM for several.');
    const bytes =
      request.format === 'der' ? writeCertificateDer(certificates[0] as Buffer) : writeCertificatesPem(certificates);
    audit.record({
      action: 'keystore.export',
      object: unique.map((v) => v.label).join(', '),
      outcome: 'ok',
      detail: `${request.format} certificates`,
    });
    return { bytes, extension: request.format === 'der' ? 'cer' : 'pem', entries: certificates.length, warning: null };
  }
  const password = request.storePassword ?? '';
  if (!password)
    fail(
      KeystoreCode.ExportPasswordRequired,
      `A ${request.format.toUpperCase()} export needs a store password to protect the keys in it.`,
    );
  if ([...password].length < MIN_STORE_PASSWORD)
    fail(
      KeystoreCode.ExportPasswordTooShort,
      `The store password must be at least ${MIN_STORE_PASSWORD} characters (keytool will not open the file otherwise).`,
    );
  if (request.legacy && request.format !== 'pkcs12')
    fail(KeystoreCode.ExportLegacyPkcs12Only, 'The legacy option applies to PKCS#12 only.');
  const entries: KeystoreEntry[] = [];
  try {
    for (const v of unique) {
      if (v.type === 'kek') {
        const { secret } = keystore.secretOf(v.label);
        entries.push({
          alias: v.label,
          kind: 'private-key',
          privateKeyPkcs8: secret,
          certificateChain: [keystore.certificateOf(v.label)],
          createdAt: new Date(v.createdAt),
        });
      } else if (v.type === 'secret-key') {
        const { secret } = keystore.secretOf(v.label);
        entries.push({
          alias: v.label,
          kind: 'secret-key',
          algorithm: 'AES',
          key: secret,
          createdAt: new Date(v.createdAt),
        });
      } else {
        entries.push({
          alias: v.label,
          kind: 'trusted-certificate',
          certificate: keystore.certificateOf(v.label),
          createdAt: new Date(v.createdAt),
        });
      }
    }
    const bytes =
      request.format === 'pkcs12'
        ? writePkcs12(entries, { storePassword: password, protection: request.legacy ? 'legacy' : 'modern' })
        : writeJceks(entries, { storePassword: password });
    audit.record({
      action: 'keystore.export',
      object: unique.map((v) => v.label).join(', '),
      outcome: 'ok',
      detail: `${request.format}${request.legacy ? ' (legacy)' : ''}`,
    });
    return {
      bytes,
      extension: request.format === 'pkcs12' ? 'p12' : 'jceks',
      entries: entries.length,
      warning: request.legacy ? LEGACY_WARNING : null,
    };
  } finally {
    wipeKeystoreEntries(entries);
  }
}
