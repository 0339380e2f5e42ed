import { createPrivateKey, createPublicKey, timingSafeEqual, X509Certificate } from 'node:crypto';
import { BackupCode, isCustosError, KmipCode } from '../../contract';
import type { EntryView, ServerCopyOutcome, ServerCopyReport } from '../../contract';
import type { AuditLog } from '../audit';
import type { JobContext } from '../jobs';
import { CryptographicAlgorithm, kmipOperations, nameAttribute, namesOf, objectGroupAttribute } from '../kmip';
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
 * Keys per KMIP batch: enough that round trips vanish, few enough for progress and cancel. A
 * server answers a batch item by item (PyKMIP's Locate reads every object it holds), so each
 * batch gets a second per item on top of the usual 30 s before it counts as unanswered.
 */
const MAX_BATCH = 25;
const BATCH_MS_PER_ITEM = 1000;
const BATCH_BASE_MS = 30_000;
const batchOptions = (items: number) => ({ timeoutMs: BATCH_BASE_MS + items * BATCH_MS_PER_ITEM });

/**
 * Copies keys to a named backup key server: Locate by Name first (same material: skip; other
 * material: a named refusal, never an overwrite), Register with the same Name (and Object Group),
 * then Get it back and compare. A Register whose outcome is unknown is never sent again.
 *
 * Keys go in chunks, each chunk in four KMIP batches (its Locates, the Gets of what they found,
 * its Registers, the read-back Gets): one round trip per step instead of one per key and step.
 */
export async function copyToServer(
  deps: ServerCopyDeps,
  server: string,
  views: readonly EntryView[],
  options: { group?: string; ctx?: JobContext },
): Promise<ServerCopyReport> {
  const keys: ServerCopyOutcome[] = [];
  const size = Math.min(MAX_BATCH, Math.max(1, Math.ceil(views.length / 8)));
  options.ctx?.progress(0, `Reading what ${server} holds`);
  const held = await namesOnServer(deps, server, views.length);
  let stopped: string | null = null;
  for (let start = 0; start < views.length; start += size) {
    const chunk = views.slice(start, start + size);
    if (stopped !== null || options.ctx?.signal.aborted) {
      for (const view of chunk)
        keys.push({
          label: view.label,
          outcome: 'not-copied',
          detail: stopped ?? 'Cancelled before this key.',
          uniqueIdentifiers: [],
        });
      continue;
    }
    options.ctx?.progress(
      start / views.length,
      chunk.length === 1
        ? `Copying "${chunk[0]?.label ?? ''}" to ${server}`
        : `Copying keys ${start + 1} to ${start + chunk.length} of ${views.length} to ${server}`,
    );
    const outcomes = await copyChunk(deps, server, chunk, options.group, held);
    keys.push(...outcomes);
    const broken = outcomes.find((o) => o.outcome === 'unknown' || o.outcome === 'failed');
    // The server stopped answering (or answered wrongly): later keys are left for a later run.
    if (broken) stopped = `Not attempted: the copy stopped at "${broken.label}".`;
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

type Phase = 'locate' | 'get' | 'register' | 'compare';

/** One key of a chunk on its way: its objects, what the server holds under its name, what was registered. */
interface KeyInFlight {
  view: EntryView;
  objects: ServerObject[];
  wipe: () => void;
  found: KmipObjectContent[];
  ids: string[];
  /** Objects registered, waiting for their read-back. */
  sent: { object: ServerObject; id: string }[];
  outcome: ServerCopyOutcome | null;
}

/** Objects a server may hold for the one-Locate name index; beyond that, each name is Located on its own. */
const MAX_INDEXED_OBJECTS = 5000;

/**
 * The Unique Identifiers the server holds under each name, from one Locate of everything and a
 * batched Get Attributes (Name) of each: a Locate by Name costs a server like PyKMIP a read of
 * every object it holds, so one per key grows with the square of the keys copied. Null (Locate
 * each name instead) when the server holds many more objects than are copied, or will not say.
 */
async function namesOnServer(
  deps: ServerCopyDeps,
  server: string,
  copying: number,
): Promise<Map<string, string[]> | null> {
  const limit = Math.min(MAX_INDEXED_OBJECTS, 1000 + 4 * copying);
  try {
    const all = await deps.pair.runOn(server, kmipOperations.locate({ maximumItems: limit + 1 }));
    const ids = all.value.uniqueIdentifiers;
    if (ids.length > limit) return null;
    const names = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += 100) {
      const part = ids.slice(i, i + 100);
      const read = await deps.pair.batchOn(
        server,
        part.map((id) => kmipOperations.getAttributes(id, ['Name'])),
        batchOptions(part.length),
      );
      for (const [j, r] of read.value.entries()) {
        const id = part[j];
        if (r.status !== 'ok' || id === undefined) return null; // cannot read every name: ask per name
        for (const name of namesOf(r.value.attributes)) names.set(name, [...(names.get(name) ?? []), id]);
      }
    }
    return names;
  } catch {
    return null; // the per-name Locates will meet the same problem and report it per key
  }
}

async function copyChunk(
  deps: ServerCopyDeps,
  server: string,
  views: readonly EntryView[],
  group: string | undefined,
  held: Map<string, string[]> | null,
): Promise<ServerCopyOutcome[]> {
  const keys: KeyInFlight[] = [];
  try {
    for (const view of views) {
      const { objects, wipe } = objectsOf(deps.keystore, view);
      keys.push({ view, objects, wipe, found: [], ids: [], sent: [], outcome: null });
    }
    for (const k of keys)
      if (k.objects.length === 0)
        k.outcome = {
          label: k.view.label,
          outcome: 'not-copied',
          detail: `A ${k.view.type} is not copied to key servers.`,
          uniqueIdentifiers: [],
        };
    const open = () => keys.filter((k) => k.outcome === null);

    // 1. What the server holds under each name: from the index, or a Locate by Name each.
    const toRead: { key: KeyInFlight; id: string }[] = [];
    if (held) {
      for (const key of open()) for (const id of held.get(key.view.label) ?? []) toRead.push({ key, id });
    } else {
      const locating = open();
      const located = await step('locate', locating, () =>
        deps.pair.batchOn(
          server,
          locating.map((k) => kmipOperations.locate({ attributes: [nameAttribute(k.view.label)] })),
          batchOptions(locating.length),
        ),
      );
      located.forEach((r, i) => {
        const key = locating[i];
        if (key && r.status === 'ok') for (const id of r.value.uniqueIdentifiers) toRead.push({ key, id });
      });
      itemFailures(server, 'locate', locating, located);
    }

    // 2. Read what was found, to compare material.
    if (toRead.length > 0) {
      const reading = toRead.filter((t) => t.key.outcome === null);
      const got = await step('get', open(), () =>
        deps.pair.batchOn(
          server,
          reading.map((t) => kmipOperations.get(t.id)),
          batchOptions(reading.length),
        ),
      );
      got.forEach((r, i) => {
        const t = reading[i];
        if (t && r.status === 'ok') t.key.found.push(r.value);
      });
      itemFailures(
        server,
        'get',
        reading.map((t) => t.key),
        got,
      );
    }

    // 3. Decide per object: already there, refused, or to register.
    const toRegister: { key: KeyInFlight; object: ServerObject }[] = [];
    for (const k of open()) {
      for (const o of k.objects) {
        const sameKind = k.found.filter((f) => f.objectType === o.kind);
        const match = sameKind.find((f) => o.same(f));
        if (match) {
          k.ids.push(match.uniqueIdentifier);
          continue;
        }
        if (sameKind.length > 0) {
          k.outcome = {
            label: k.view.label,
            outcome: 'refused',
            detail: `${BackupCode.ServerHoldsOther}: ${server} already holds another ${o.kind} named "${k.view.label}" (${sameKind.map((f) => f.uniqueIdentifier).join(', ')}); it was not overwritten. Rename one of them, or check which is the right key.`,
            uniqueIdentifiers: sameKind.map((f) => f.uniqueIdentifier),
          };
          break;
        }
        toRegister.push({ key: k, object: o });
      }
    }
    const registering = toRegister.filter((r) => r.key.outcome === null);

    // 4. Register what is missing, with the Name (and Object Group).
    if (registering.length > 0) {
      const made = await step('register', open(), () =>
        deps.pair.batchOn(
          server,
          registering.map((r) =>
            kmipOperations.register(r.object.object, [
              nameAttribute(r.key.view.label),
              ...(group ? [objectGroupAttribute(group)] : []),
            ]),
          ),
          batchOptions(registering.length),
        ),
      );
      made.forEach((r, i) => {
        const reg = registering[i];
        if (reg && r.status === 'ok') {
          reg.key.ids.push(r.value.uniqueIdentifier);
          reg.key.sent.push({ object: reg.object, id: r.value.uniqueIdentifier });
        }
      });
      itemFailures(
        server,
        'register',
        registering.map((r) => r.key),
        made,
      );

      // 5. Get each back and compare.
      const checking = open().flatMap((k) => k.sent.map((s) => ({ key: k, ...s })));
      const back = await step('compare', open(), () =>
        deps.pair.batchOn(
          server,
          checking.map((c) => kmipOperations.get(c.id)),
          batchOptions(checking.length),
        ),
      );
      back.forEach((r, i) => {
        const c = checking[i];
        if (!c || c.key.outcome !== null || r.status !== 'ok') return;
        if (!c.object.same(r.value))
          c.key.outcome = {
            label: c.key.view.label,
            outcome: 'failed',
            detail: `${BackupCode.ServerCopyMismatch}: ${server} gave back ${c.id} with other material than was sent; do not count it as a backup.`,
            uniqueIdentifiers: c.key.ids,
          };
      });
      itemFailures(
        server,
        'compare',
        checking.map((c) => c.key),
        back,
      );
    }

    // 6. Custody rows for every key now on the server, in one transaction.
    const now = new Date().toISOString();
    const done = open();
    deps.store.transaction(() => {
      for (const k of done)
        deps.store.recordServerCopy({
          entry_id: k.view.id,
          server,
          label: k.view.label,
          unique_identifiers: k.ids.join(','),
          copied_at: now,
          compared_at: now,
        });
    });
    for (const k of done)
      k.outcome =
        k.sent.length > 0
          ? {
              label: k.view.label,
              outcome: 'copied',
              detail: `Registered and read back: ${fingerprintOf(k.view)}.`,
              uniqueIdentifiers: k.ids,
            }
          : {
              label: k.view.label,
              outcome: 'already-there',
              detail: `${server} already holds this very key.`,
              uniqueIdentifiers: k.ids,
            };
  } catch (e) {
    if (!(e instanceof BatchStopped)) throw e;
    settleStopped(server, e);
  } finally {
    for (const k of keys) k.wipe();
  }
  return keys.map(
    (k) =>
      k.outcome ?? {
        label: k.view.label,
        outcome: 'not-copied',
        detail: 'Not attempted.',
        uniqueIdentifiers: k.ids,
      },
  );
}

/** A whole batch failed (the server went away, timed out, or answered garbage) at this phase. */
class BatchStopped extends Error {
  constructor(
    readonly phase: Phase,
    readonly code: string,
    readonly sentence: string,
    /** The keys still open when the batch was sent. */
    readonly pending: readonly KeyInFlight[],
  ) {
    super(sentence);
  }
}

async function step<T>(phase: Phase, pending: readonly KeyInFlight[], send: () => Promise<{ value: T }>): Promise<T> {
  try {
    return (await send()).value;
  } catch (e) {
    const code = isCustosError(e) ? e.code : 'INTERNAL';
    const sentence = isCustosError(e) ? e.message : 'The copy stopped on an unexpected error.';
    throw new BatchStopped(phase, code, sentence, pending);
  }
}

/**
 * After a whole batch failed: only OUTCOME_UNKNOWN on the Registers (or their read-back) means a
 * key may be on the server, so those keys are "unknown" and never sent again; the first other key
 * of the chunk carries the failure, the rest were not attempted.
 */
function settleStopped(server: string, stop: BatchStopped): void {
  const open = stop.pending.filter((k) => k.outcome === null);
  const mayBeThere = stop.code === KmipCode.OutcomeUnknown && (stop.phase === 'register' || stop.phase === 'compare');
  let first = true;
  for (const k of open) {
    if (mayBeThere && (stop.phase === 'compare' ? k.sent.length > 0 : true)) {
      k.outcome = {
        label: k.view.label,
        outcome: 'unknown',
        detail: `${KmipCode.OutcomeUnknown}: ${stop.phase === 'register' ? 'the Register' : 'the read-back'} of "${k.view.label}" may or may not have reached ${server}; it was not sent again. Run the copy again: it finds the key by name and compares it.`,
        uniqueIdentifiers: k.ids,
      };
      first = false;
    } else if (first) {
      k.outcome = {
        label: k.view.label,
        outcome: 'failed',
        detail: `${stop.code}: ${stop.sentence}`,
        uniqueIdentifiers: k.ids,
      };
      first = false;
    } else {
      k.outcome = {
        label: k.view.label,
        outcome: 'not-copied',
        detail: `Not attempted: the copy stopped at "${open[0]?.view.label ?? ''}".`,
        uniqueIdentifiers: [],
      };
    }
  }
}

/** Items the server answered with an error (or did not run after one): that key failed. */
function itemFailures(
  server: string,
  phase: Phase,
  owners: readonly KeyInFlight[],
  results: readonly { status: 'ok' | 'failed' | 'not-run'; error?: unknown }[],
): void {
  results.forEach((r, i) => {
    const key = owners[i];
    if (!key || key.outcome !== null || r.status === 'ok') return;
    const error = r.status === 'failed' ? r.error : null;
    key.outcome = {
      label: key.view.label,
      outcome: 'failed',
      detail: error
        ? `${isCustosError(error) ? error.code : 'INTERNAL'}: ${isCustosError(error) ? error.message : `${server} refused the ${phase}.`}`
        : `${KmipCode.OutcomeUnknown}: ${server} did not run the ${phase} of "${key.view.label}" after an earlier item of the batch failed.`,
      uniqueIdentifiers: key.ids,
    };
  });
}

function fingerprintOf(view: EntryView): string {
  if (view.kcv) return `KCV ${view.kcv}`;
  return view.certificate ? `certificate SHA-256 ${view.certificate.sha256.slice(0, 23)}…` : view.label;
}
