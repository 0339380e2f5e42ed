import { createPrivateKey, createPublicKey, timingSafeEqual, X509Certificate } from 'node:crypto';
import { BackupCode, isCustosError, KmipCode } from '../../contract';
import type { EntryView, ServerCopyOutcome, ServerCopyReport } from '../../contract';
import type { AuditLog } from '../audit';
import type { JobContext } from '../jobs';
import { CryptographicAlgorithm, kmipOperations, nameAttribute, objectGroupAttribute } from '../kmip';
import type { KmipObjectContent, RegistrableObject } from '../kmip';
import type { Keystore } from '../keystore';
import type { KeyServerPair } from '../servers';
import type { BackupStore } from './store';

export interface ServerCopyDeps {
  keystore: Keystore;
  pair: KeyServerPair;
  store: BackupStore;
  audit: AuditLog;
}

/** What one key becomes on a KMIP server: an AES key, a certificate, or a private key and its certificate. */
interface ServerObject {
  kind: 'SymmetricKey' | 'Certificate' | 'PrivateKey';
  object: RegistrableObject;
  /** True when what the server holds is this very material. */
  same(found: KmipObjectContent): boolean;
}

function objectsOf(keystore: Keystore, view: EntryView): { objects: ServerObject[]; wipe: () => void } {
  const certificateDer = view.certificate ? keystore.certificateOf(view.label) : null;
  const certificate: ServerObject[] = certificateDer
    ? [
        {
          kind: 'Certificate',
          object: { type: 'Certificate', der: certificateDer },
          same: (found) => found.certificate !== undefined && Buffer.from(found.certificate.der).equals(certificateDer),
        },
      ]
    : [];
  if (view.type === 'secret-key') {
    const { secret } = keystore.secretOf(view.label);
    return {
      objects: [
        {
          kind: 'SymmetricKey',
          object: { type: 'SymmetricKey', algorithm: CryptographicAlgorithm.AES, material: secret },
          same: (found) => {
            const material = found.keyBlock?.material;
            return material !== undefined && material.length === secret.length && timingSafeEqual(material, secret);
          },
        },
      ],
      wipe: () => secret.fill(0),
    };
  }
  if (view.type === 'kek' && certificateDer) {
    const { secret } = keystore.secretOf(view.label);
    const spki = new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' });
    return {
      objects: [
        {
          kind: 'PrivateKey',
          object: { type: 'PrivateKey', algorithm: CryptographicAlgorithm.RSA, bits: view.keyBits, der: secret },
          // Compared through its public half, as custodians compare key pairs.
          same: (found) => {
            const material = found.keyBlock?.material;
            if (!material) return false;
            try {
              const key = createPrivateKey({ key: Buffer.from(material), format: 'der', type: 'pkcs8' });
              return createPublicKey(key).export({ type: 'spki', format: 'der' }).equals(spki);
            } catch {
              return false;
            }
          },
        },
        ...certificate,
      ],
      wipe: () => secret.fill(0),
    };
  }
  return { objects: certificate, wipe: () => undefined };
}

/**
 * Copies keys to a named backup key server: Locate by Name first (same material: skip; other
 * material: a named refusal, never an overwrite), Register with the same Name (and Object Group),
 * then Get it back and compare. A Register whose outcome is unknown is never sent again.
 */
export async function copyToServer(
  deps: ServerCopyDeps,
  server: string,
  views: readonly EntryView[],
  options: { group?: string; ctx?: JobContext },
): Promise<ServerCopyReport> {
  const keys: ServerCopyOutcome[] = [];
  let stopped: string | null = null;
  for (const [i, view] of views.entries()) {
    if (stopped !== null || options.ctx?.signal.aborted) {
      keys.push({
        label: view.label,
        outcome: 'not-copied',
        detail: stopped ?? 'Cancelled before this key.',
        uniqueIdentifiers: [],
      });
      continue;
    }
    options.ctx?.progress(i / views.length, `Copying "${view.label}" to ${server}`);
    const outcome = await copyOne(deps, server, view, options.group);
    keys.push(outcome);
    if (outcome.outcome === 'unknown' || outcome.outcome === 'failed') {
      // The server stopped answering (or answered wrongly): later keys are left for a later run.
      stopped = `Not attempted: the copy stopped at "${view.label}".`;
    }
  }
  options.ctx?.progress(1, 'Done');
  const report: ServerCopyReport = {
    server,
    keys,
    copied: keys.filter((k) => k.outcome === 'copied').length,
    alreadyThere: keys.filter((k) => k.outcome === 'already-there').length,
    problems: keys.filter((k) => !['copied', 'already-there'].includes(k.outcome)).length,
  };
  deps.audit.record({
    action: 'backup.to-server',
    object: server,
    outcome: report.problems ? 'failed' : 'ok',
    detail: `${report.copied} copied, ${report.alreadyThere} already there, ${report.problems} problems`,
  });
  return report;
}

async function copyOne(
  deps: ServerCopyDeps,
  server: string,
  view: EntryView,
  group?: string,
): Promise<ServerCopyOutcome> {
  const { objects, wipe } = objectsOf(deps.keystore, view);
  const ids: string[] = [];
  let phase = 'locate';
  try {
    if (objects.length === 0)
      return {
        label: view.label,
        outcome: 'not-copied',
        detail: `A ${view.type} is not copied to key servers.`,
        uniqueIdentifiers: [],
      };
    const attributes = [nameAttribute(view.label), ...(group ? [objectGroupAttribute(group)] : [])];
    const located = await deps.pair.runOn(server, kmipOperations.locate({ attributes: [nameAttribute(view.label)] }));
    const found: KmipObjectContent[] = [];
    phase = 'get';
    for (const id of located.value.uniqueIdentifiers)
      found.push((await deps.pair.runOn(server, kmipOperations.get(id))).value);
    let registered = 0;
    for (const o of objects) {
      const sameKind = found.filter((f) => f.objectType === o.kind);
      const match = sameKind.find((f) => o.same(f));
      if (match) {
        ids.push(match.uniqueIdentifier);
        continue;
      }
      if (sameKind.length > 0)
        return {
          label: view.label,
          outcome: 'refused',
          detail: `${BackupCode.ServerHoldsOther}: ${server} already holds another ${o.kind} named "${view.label}" (${sameKind.map((f) => f.uniqueIdentifier).join(', ')}); it was not overwritten. Rename one of them, or check which is the right key.`,
          uniqueIdentifiers: sameKind.map((f) => f.uniqueIdentifier),
        };
      phase = 'register';
      const made = await deps.pair.runOn(server, kmipOperations.register(o.object, attributes));
      ids.push(made.value.uniqueIdentifier);
      phase = 'compare';
      const back = await deps.pair.runOn(server, kmipOperations.get(made.value.uniqueIdentifier));
      if (!o.same(back.value))
        return {
          label: view.label,
          outcome: 'failed',
          detail: `${BackupCode.ServerCopyMismatch}: ${server} gave back ${made.value.uniqueIdentifier} with other material than was sent; do not count it as a backup.`,
          uniqueIdentifiers: ids,
        };
      registered++;
    }
    const now = new Date().toISOString();
    deps.store.recordServerCopy({
      entry_id: view.id,
      server,
      label: view.label,
      unique_identifiers: ids.join(','),
      copied_at: now,
      compared_at: now,
    });
    return registered > 0
      ? {
          label: view.label,
          outcome: 'copied',
          detail: `Registered and read back: ${fingerprintOf(view)}.`,
          uniqueIdentifiers: ids,
        }
      : {
          label: view.label,
          outcome: 'already-there',
          detail: `${server} already holds this very key.`,
          uniqueIdentifiers: ids,
        };
  } catch (e) {
    const code = isCustosError(e) ? e.code : 'INTERNAL';
    const sentence = isCustosError(e) ? e.message : 'The copy stopped on an unexpected error.';
    // Only OUTCOME_UNKNOWN means a Register may have been applied; other failures happened before sending.
    if (code === KmipCode.OutcomeUnknown)
      return {
        label: view.label,
        outcome: 'unknown',
        detail: `${KmipCode.OutcomeUnknown}: ${phase === 'register' ? 'the Register' : 'the read-back'} of "${view.label}" may or may not have reached ${server}; it was not sent again. Run the copy again: it finds the key by name and compares it.`,
        uniqueIdentifiers: ids,
      };
    return { label: view.label, outcome: 'failed', detail: `${code}: ${sentence}`, uniqueIdentifiers: ids };
  } finally {
    wipe();
  }
}

function fingerprintOf(view: EntryView): string {
  if (view.kcv) return `KCV ${view.kcv}`;
  return view.certificate ? `certificate SHA-256 ${view.certificate.sha256.slice(0, 23)}…` : view.label;
}
