import { createHash, createPrivateKey, timingSafeEqual, X509Certificate } from 'node:crypto';
import { BackupCode, fail } from '../../contract';
import type { BackupSelection, EntryView, KeyServerView } from '../../contract';
import { colonHex } from '../certs';
import { keyCheckValue } from '../keystore';
import type { Keystore } from '../keystore';
import type { ArchivedEntry, ArchiveHeader } from './header';
import type { EntryRecord, PayloadItem, ServerRecord } from './payload';

/** The keystore entries a selection names, as they stand now. */
export function selectEntries(
  keystore: Keystore,
  selection: BackupSelection,
  includeIdentities: boolean,
  groupLabels?: (group: string) => readonly string[],
): EntryView[] {
  if ('group' in selection && !groupLabels)
    fail(
      BackupCode.GroupUnknown,
      `This station has no device group "${selection.group}"; back up by label or all keys.`,
    );
  const labels =
    'group' in selection ? (groupLabels?.(selection.group) ?? []) : 'labels' in selection ? selection.labels : [];
  const chosen =
    'all' in selection
      ? keystore.list().filter((e) => e.state !== 'destroyed' && (includeIdentities || e.type !== 'client-identity'))
      : [...new Map(labels.map((l) => keystore.show(l)).map((v) => [v.id, v])).values()].filter(
          (v) => v.state !== 'destroyed' || !('group' in selection),
        );
  if (chosen.length === 0) fail(BackupCode.NothingToBackUp, 'There is nothing to back up: the selection holds no key.');
  return chosen;
}

function sha256(der: Buffer): string {
  return colonHex(createHash('sha256').update(der).digest());
}

/** The header line of an entry; certificate fingerprints in the keystore's own notation. */
export function archivedEntry(view: EntryView): ArchivedEntry {
  if (view.state === 'destroyed')
    fail(BackupCode.NothingToBackUp, `"${view.label}" was destroyed; there is no material left to back up.`);
  return {
    label: view.label,
    type: view.type,
    state: view.state,
    algorithm: view.algorithm,
    keyBits: view.keyBits,
    kcv: view.kcv,
    certificateSha256: view.certificate?.sha256 ?? null,
    hasSecret: view.hasSecret,
    groups: [],
  };
}

/** Reads each entry's secret through the keystore's main-side door. Wipe every item's secret after use. */
export function collectItems(
  keystore: Keystore,
  views: readonly EntryView[],
  servers: readonly KeyServerView[],
  includeIdentities: boolean,
): PayloadItem[] {
  const items: PayloadItem[] = [];
  try {
    for (const view of views) {
      const certificates = view.certificate ? [keystore.certificateOf(view.label).toString('base64')] : [];
      const record: EntryRecord = {
        kind: 'entry',
        entry: archivedEntry(view),
        origin: view.origin,
        notes: view.notes,
        createdAt: view.createdAt,
        certificates,
        csrPem: view.type === 'client-identity' ? keystore.csrOf(view.label) : null,
      };
      const secret = view.hasSecret ? keystore.secretOf(view.label).secret : Buffer.alloc(0);
      items.push({ record, secret });
    }
    for (const s of servers) {
      const record: ServerRecord = {
        kind: 'server',
        server: { name: s.name, address: s.address, kmipPort: s.kmipPort, role: s.role },
        ippTcpPort: s.ippTcpPort,
        ippTlsPort: s.ippTlsPort,
        trustLabel: s.trustLabel,
        identityLabel: includeIdentities ? s.identityLabel : null,
        verifyHostname: s.verifyHostname,
      };
      items.push({ record, secret: Buffer.alloc(0) });
    }
    return items;
  } catch (e) {
    wipeItems(items);
    throw e;
  }
}

export function wipeItems(items: readonly PayloadItem[]): void {
  for (const i of items) i.secret.fill(0);
}

/**
 * Checks every decrypted entry against the header: same labels in the same order, the key
 * check value recomputed, the certificate's fingerprint recomputed, private keys matching
 * their certificates. Returns the entry records.
 */
export function checkAgainstHeader(items: readonly PayloadItem[], header: ArchiveHeader, name: string): void {
  const entries = items.filter((i) => i.record.kind === 'entry');
  if (entries.length !== header.entries.length)
    fail(
      BackupCode.EntryMismatch,
      `${name} holds ${entries.length} keys but its header lists ${header.entries.length}.`,
    );
  entries.forEach((item, i) => {
    const listed = header.entries[i];
    const record = item.record;
    if (!listed || record.kind !== 'entry') return;
    const mismatch = (what: string): never =>
      fail(BackupCode.EntryMismatch, `${name}: "${listed.label}" does not match its header (${what}).`);
    if (record.entry.label !== listed.label || record.entry.type !== listed.type) mismatch('label or type');
    if (listed.hasSecret !== item.secret.length > 0) mismatch('secret material');
    if (listed.type === 'secret-key' && (item.secret.length === 0 || keyCheckValue(item.secret) !== listed.kcv))
      mismatch('key check value');
    const cert = record.certificates[0];
    const certDer = cert ? Buffer.from(cert, 'base64') : null;
    if ((certDer ? sha256(certDer) : null) !== listed.certificateSha256) mismatch('certificate fingerprint');
    if (certDer && item.secret.length > 0 && (listed.type === 'kek' || listed.type === 'client-identity')) {
      let matches: boolean;
      try {
        matches = new X509Certificate(certDer).checkPrivateKey(
          createPrivateKey({ key: item.secret, format: 'der', type: 'pkcs8' }),
        );
      } catch {
        matches = false;
      }
      if (!matches) mismatch('private key and certificate');
    }
  });
}

/** True when this station's entry holds the very material the archived one does. */
export function sameMaterial(keystore: Keystore, here: EntryView, item: PayloadItem): boolean {
  if (item.record.kind !== 'entry') return false;
  const archived = item.record.entry;
  if (here.type !== archived.type || here.state === 'destroyed') return false;
  if (archived.certificateSha256 !== (here.certificate?.sha256 ?? null)) return false;
  if (!archived.hasSecret)
    return !here.hasSecret || archived.type === 'public-kek' || archived.type === 'trusted-certificate';
  if (!here.hasSecret) return false;
  const { secret } = keystore.secretOf(here.label);
  try {
    return secret.length === item.secret.length && timingSafeEqual(secret, item.secret);
  } finally {
    secret.fill(0);
  }
}
