import { createHash } from 'node:crypto';
import type { EntryRow } from './entry-store';

const sha256 = (bytes: Buffer | null): string | null =>
  bytes ? createHash('sha256').update(bytes).digest('hex') : null;

/**
 * The fields of an entry that decide what a custodian trusts it for, in one canonical string:
 * its identity (id, label, type), its state and usage, where its secret lives, and the
 * certificate's own bytes (hashed here from the bytes, not read from the fingerprint column,
 * so a certificate swapped under a KEK cannot keep showing the old fingerprint). Notes and
 * timestamps are not security-relevant and are left out, so editing them needs no re-binding.
 */
export function bindingData(row: EntryRow): string {
  return JSON.stringify([
    'custos:entry:v1',
    row.id,
    row.label,
    row.label_key,
    row.type,
    row.state,
    row.algorithm,
    row.key_bits,
    row.usage,
    row.store,
    row.kcv,
    sha256(row.cert_der),
    row.cert_sha256,
    row.spki_sha256,
    row.subject,
    row.issuer,
    row.not_before,
    row.not_after,
    row.csr_pem === null ? null : sha256(Buffer.from(row.csr_pem, 'utf8')),
  ]);
}

/** The certificate bytes still have the fingerprint the row shows (checked before binding a row written before bindings). */
export function certificateColumnsAgree(row: EntryRow): boolean {
  return row.cert_der === null ? row.cert_sha256 === null : sha256(row.cert_der) === row.cert_sha256;
}
