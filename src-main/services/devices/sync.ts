import { createHash } from 'node:crypto';
import { DeviceCode, fail, isCustosError } from '../../contract';
import type { EntryView, GroupHoldings, ServerHolding, SyncReport } from '../../contract';
import type { AuditLog } from '../audit';
import { keyCheckValue, labelKey } from '../keystore';
import type { Keystore } from '../keystore';
import { CryptographicAlgorithm, kmipOperations, nameAttribute, namesOf, objectGroupAttribute } from '../kmip';
import type { KmipObjectContent, RegistrableObject } from '../kmip';
import type { KeyServerPair } from '../servers';
import type { GroupKeyRow } from './store';

/** At most this many objects of a group are named per server in its state (one Get Attributes each). */
const MAX_NAMED_OBJECTS = 2000;

/** What a key looks like on a server, to compare without showing it: a KCV for AES, a SHA-256 otherwise. */
function fingerprintOf(object: RegistrableObject): string {
  if (object.type === 'SymmetricKey') return `KCV ${keyCheckValue(Buffer.from(object.material))}`;
  const bytes =
    object.type === 'Certificate' ? object.der : object.type === 'SecretData' ? object.material : object.der;
  return `SHA-256 ${createHash('sha256').update(bytes).digest('hex')}`;
}

function fingerprintOfServerObject(found: KmipObjectContent): string | null {
  if (found.objectType === 'SymmetricKey' && found.keyBlock?.material)
    return `KCV ${keyCheckValue(Buffer.from(found.keyBlock.material))}`;
  const bytes = found.certificate?.der ?? found.keyBlock?.material;
  return bytes ? `SHA-256 ${createHash('sha256').update(bytes).digest('hex')}` : null;
}

/**
 * Registers a group's keys on the primary through the pair: Name = label, Object Group = group.
 * Idempotent: a label already on the server with the same material is left alone; with other
 * material it is reported and never overwritten. Secrets are wiped after each key.
 */
export async function syncGroup(
  pair: KeyServerPair,
  keystore: Keystore,
  audit: AuditLog,
  group: { name: string; keys: readonly GroupKeyRow[] },
  progress: (fraction: number, phase: string) => void = () => undefined,
): Promise<SyncReport> {
  const primary = primaryOf(pair);
  const report: SyncReport = {
    name: group.name,
    server: primary,
    registered: [],
    alreadyThere: [],
    conflicts: [],
    failed: [],
  };
  for (const [i, key] of group.keys.entries()) {
    progress(i / Math.max(1, group.keys.length), `Key ${key.label} on ${primary}`);
    let object: RegistrableObject | null = null;
    try {
      const entry = keystore.show(key.label);
      object = registrable(keystore, entry);
      const mine = fingerprintOf(object);
      const located = await pair.runOn(primary, kmipOperations.locate({ attributes: [nameAttribute(entry.label)] }));
      const ids = located.value.uniqueIdentifiers;
      if (ids.length > 0) {
        const theirs = await Promise.all(
          ids.map(async (id) => fingerprintOfServerObject((await pair.runOn(primary, kmipOperations.get(id))).value)),
        );
        if (theirs.includes(mine)) report.alreadyThere.push(entry.label);
        else
          report.conflicts.push({
            label: entry.label,
            detail: `${primary} holds ${ids.length === 1 ? 'an object' : `${ids.length} objects`} named "${entry.label}" with other key material (${ids.join(', ')}); it was left as it is.`,
          });
        continue;
      }
      const registered = await pair.run(
        kmipOperations.register(object, [nameAttribute(entry.label), objectGroupAttribute(group.name)]),
      );
      if (object.type !== 'Certificate') await pair.run(kmipOperations.activate(registered.value.uniqueIdentifier));
      report.registered.push(entry.label);
    } catch (e) {
      report.failed.push({
        label: key.label,
        code: isCustosError(e) ? e.code : 'INTERNAL',
        detail: isCustosError(e) ? e.message : 'The key could not be registered.',
      });
    } finally {
      wipe(object);
    }
  }
  progress(1, `Synced ${group.name}`);
  audit.record({
    action: 'group.sync',
    object: group.name,
    outcome: report.failed.length === 0 && report.conflicts.length === 0 ? 'ok' : 'failed',
    detail: `${primary}: ${report.registered.length} registered, ${report.alreadyThere.length} already there, ${report.conflicts.length} conflicts, ${report.failed.length} failed`,
  });
  return report;
}

/** Which of the group's keys each registered server holds (Locate by Object Group on each). */
export async function groupHoldings(
  pair: KeyServerPair,
  group: { name: string; keys: readonly GroupKeyRow[] },
): Promise<GroupHoldings> {
  const servers: ServerHolding[] = [];
  for (const member of pair.members()) {
    const labels = new Map(group.keys.map((k) => [k.label_key, k.label]));
    try {
      const located = await pair.runOn(
        member.name,
        kmipOperations.locate({ attributes: [objectGroupAttribute(group.name)] }),
      );
      const held = new Set<string>();
      let others = 0;
      for (const id of located.value.uniqueIdentifiers.slice(0, MAX_NAMED_OBJECTS)) {
        const { value } = await pair.runOn(member.name, kmipOperations.getAttributes(id, ['Name']));
        const names = namesOf(value.attributes)
          .map(labelKey)
          .filter((n) => labels.has(n));
        if (names.length === 0) others++;
        for (const n of names) held.add(n);
      }
      servers.push({
        server: member.name,
        role: member.role,
        reachable: true,
        problem: null,
        holds: group.keys.filter((k) => held.has(k.label_key)).map((k) => k.label),
        missing: group.keys.filter((k) => !held.has(k.label_key)).map((k) => k.label),
        others,
      });
    } catch (e) {
      servers.push({
        server: member.name,
        role: member.role,
        reachable: false,
        problem: isCustosError(e) ? `${e.code}: ${e.message}` : 'The server could not be asked.',
        holds: [],
        missing: group.keys.map((k) => k.label),
        others: 0,
      });
    }
  }
  return { name: group.name, servers };
}

function primaryOf(pair: KeyServerPair): string {
  const members = pair.members();
  const primary = members.find((m) => m.role === 'primary') ?? members[0];
  if (!primary)
    fail(
      DeviceCode.NoKeyServers,
      'No key server is registered on this station; add one (Key servers) before syncing a group.',
    );
  return primary.name;
}

/** The KMIP object for a keystore entry: AES as a symmetric key, a KEK as its private key, certificates as they are. */
function registrable(keystore: Keystore, entry: EntryView): RegistrableObject {
  if (entry.type === 'secret-key') {
    const { secret } = keystore.secretOf(entry.label);
    return { type: 'SymmetricKey', algorithm: CryptographicAlgorithm.AES, material: secret };
  }
  if (entry.type === 'kek' || entry.type === 'client-identity') {
    const { secret } = keystore.secretOf(entry.label);
    return { type: 'PrivateKey', algorithm: CryptographicAlgorithm.RSA, bits: entry.keyBits, der: secret };
  }
  return { type: 'Certificate', der: keystore.certificateOf(entry.label) };
}

function wipe(object: RegistrableObject | null): void {
  if (!object) return;
  if (object.type === 'SymmetricKey' || object.type === 'SecretData')
    Buffer.from(object.material.buffer, object.material.byteOffset, object.material.byteLength).fill(0);
  if (object.type === 'PrivateKey')
    Buffer.from(object.der.buffer, object.der.byteOffset, object.der.byteLength).fill(0);
}
