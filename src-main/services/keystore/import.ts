import { randomUUID } from 'node:crypto';
import { fail, KeystoreCode } from '../../contract';
import type {
  EntryType,
  EntryView,
  ImportDecision,
  ImportPreview,
  ImportPreviewEntry,
  ImportResult,
} from '../../contract';
import { inspectCertificate } from '../certs';
import type { CertificateFacts } from '../certs';
import { wipeKeystoreEntries } from './formats';
import type { KeystoreContents, KeystoreEntry, KeystoreFormat } from './formats';
import type { JobBoard } from '../jobs';
import { readKeystoreInWorker } from './reading';
import type { Keystore, NewEntry } from './keystore';
import { labelKey, MAX_LABEL_LENGTH } from './labels';
import { keyCheckValue } from './keystore';

/** A read keystore file waiting for the custodian's decisions. Holds secrets: wiped on commit, discard or expiry. */
interface Draft {
  preview: ImportPreview;
  entries: KeystoreEntry[];
  timer: ReturnType<typeof setTimeout>;
}

const DRAFT_LIFETIME_MS = 10 * 60_000;
/** A read the window started but never asked the result of is forgotten (and wiped) after this. */
const UNCLAIMED_READ_MS = 10 * 60_000;

/** How a read reports: the job's signal and progress. */
export interface ReadProgress {
  signal?: AbortSignal;
  progress?: (fraction: number | null, phase: string) => void;
}

export interface ImportRequest {
  fileName: string;
  bytes: Buffer;
  format?: KeystoreFormat;
  storePassword?: string;
}

/**
 * Import in two steps, as keytool's -importkeystore cannot: read and show what is inside
 * (types, clashes), then add exactly what the custodian chose, all in one transaction.
 */
export class KeystoreImport {
  private readonly drafts = new Map<string, Draft>();
  private readonly reads = new Map<string, Promise<ImportPreview>>();

  constructor(
    private readonly keystore: Keystore,
    private readonly jobs: JobBoard,
  ) {}

  /**
   * Reads the file as a job on the board (progress, cancel): the window asks for the preview with
   * `previewOf(jobId)`. The bytes are the caller's; they are copied to the reading thread at once.
   */
  startPreview(request: ImportRequest): { jobId: string; preview: Promise<ImportPreview> } {
    this.keystore.list(); // requires an unlocked vault before reading anything
    let resolve!: (p: ImportPreview) => void;
    let reject!: (e: unknown) => void;
    const preview = new Promise<ImportPreview>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    preview.catch(() => {}); // claimed later by previewOf; an unclaimed failure is not an unhandled one
    // The job outlives the caller's bytes (an upload is wiped when its call returns): it reads its own copy.
    const owned: ImportRequest = { ...request, bytes: Buffer.from(request.bytes) };
    const { id } = this.jobs.start({
      kind: 'keystore.import',
      title: `Read ${request.fileName}`,
      cancellable: true,
      run: async (ctx) => {
        ctx.progress(null, 'Reading the file');
        try {
          const result = await this.preview(owned, {
            signal: ctx.signal,
            progress: (fraction, phase) => ctx.progress(fraction, phase),
          });
          resolve(result);
          return `Read ${result.entries.length} ${result.entries.length === 1 ? 'entry' : 'entries'} from ${request.fileName}; nothing is added until the import is confirmed.`;
        } catch (e) {
          reject(e);
          throw e;
        } finally {
          owned.bytes.fill(0);
        }
      },
    });
    this.reads.set(id, preview);
    const forget = setTimeout(() => {
      if (this.reads.delete(id))
        void preview.then(
          (p) => this.discard(p.previewId),
          () => {},
        );
    }, UNCLAIMED_READ_MS);
    forget.unref();
    void preview.finally(() => forget.refresh()).catch(() => {});
    return { jobId: id, preview };
  }

  /** The preview a read job produced, once: waits while it runs; a cancelled read fails with JOB_CANCELLED. */
  previewOf(jobId: string): Promise<ImportPreview> {
    const read = this.reads.get(jobId);
    if (!read)
      fail(KeystoreCode.ImportExpired, 'That import preview has expired or was already used; read the file again.');
    this.reads.delete(jobId);
    return read;
  }

  /** Reads the file in worker threads (never on this thread) and keeps what it holds as a draft. */
  async preview(request: ImportRequest, job: ReadProgress = {}): Promise<ImportPreview> {
    this.keystore.list(); // requires an unlocked vault before reading anything
    const contents = await readKeystoreInWorker(request.bytes, {
      format: request.format,
      storePassword: request.storePassword,
      signal: job.signal,
      progress: (opened, expected) =>
        job.progress?.(
          expected ? opened / expected : null,
          expected ? `Opened ${opened} of ${expected} keys` : `Opened ${opened} protected items`,
        ),
    });
    try {
      return this.draftOf(request, contents);
    } catch (e) {
      wipeKeystoreEntries(contents.entries);
      throw e;
    }
  }

  private draftOf(request: ImportRequest, contents: KeystoreContents): ImportPreview {
    const present = this.keystore.list();
    const taken = new Set(present.map((e) => e.label.toLowerCase()));
    const sameKey = materialIndex(present);
    const seen = new Set<string>();
    const entries = contents.entries.map((entry) => {
      const row = describe(entry, taken, seen, this.keystore);
      seen.add(row.label.toLowerCase());
      return { ...row, alreadyHere: sameKey.get(materialOf(entry, row)) ?? null };
    });
    const previewId = randomUUID();
    const preview: ImportPreview = {
      previewId,
      fileName: request.fileName,
      format: contents.format,
      entries,
      warnings: [...(contents.warnings ?? [])],
      expiresAt: new Date(Date.now() + DRAFT_LIFETIME_MS).toISOString(),
    };
    const timer = setTimeout(() => this.discard(previewId), DRAFT_LIFETIME_MS);
    timer.unref();
    this.drafts.set(previewId, { preview, entries: contents.entries, timer });
    return preview;
  }

  discard(previewId: string): void {
    const draft = this.drafts.get(previewId);
    if (!draft) return;
    clearTimeout(draft.timer);
    wipeKeystoreEntries(draft.entries);
    this.drafts.delete(previewId);
  }

  commit(previewId: string, onClash: 'skip' | 'rename' | 'fail', decisions: ImportDecision[]): ImportResult {
    const draft = this.drafts.get(previewId);
    if (!draft)
      fail(KeystoreCode.ImportExpired, 'That import preview has expired or was already used; read the file again.');
    const byAlias = new Map(decisions.map((d) => [d.alias, d]));
    const plan: { entry: NewEntry; alias: string }[] = [];
    const skipped: ImportResult['skipped'] = [];
    const planned = new Set<string>();
    for (const [i, row] of draft.preview.entries.entries()) {
      const source = draft.entries[i];
      const decision = byAlias.get(row.alias);
      if (!source || decision?.action === 'skip') {
        skipped.push({ alias: row.alias, reason: 'skipped by the custodian' });
        continue;
      }
      if (!row.type || row.problem) {
        skipped.push({ alias: row.alias, reason: row.problem ?? 'cannot be imported' });
        continue;
      }
      // One key, one entry: a second row with the same fingerprint would make H-mode EEDKs ambiguous.
      if (row.alreadyHere) {
        skipped.push({ alias: row.alias, reason: `already on this station as "${row.alreadyHere}" (the same key)` });
        continue;
      }
      let label = decision?.action === 'rename' && decision.label ? decision.label : row.label;
      const clash = this.keystore.isLabelTaken(label) || planned.has(labelKey(label));
      if (clash) {
        const mode = decision?.action === 'rename' ? 'fail' : onClash;
        if (mode === 'skip') {
          skipped.push({ alias: row.alias, reason: `the label "${label}" is already used here` });
          continue;
        }
        if (mode === 'fail') {
          fail(
            KeystoreCode.LabelTaken,
            `The label "${label}" (from "${row.alias}") is already used on this station; rename or skip it. Nothing was imported.`,
          );
        }
        label = this.keystore.freeVariantOf(
          label,
          new Set([...this.keystore.list().map((e) => e.label.toLowerCase()), ...planned]),
        );
      }
      planned.add(labelKey(label));
      plan.push({
        alias: row.alias,
        entry: toNewEntry(
          source,
          label,
          decision?.as ?? (row.type === 'trusted-certificate' ? 'trusted-certificate' : row.type),
          draft.preview.format,
        ),
      });
    }
    try {
      const imported: EntryView[] = this.keystore.addAll(
        plan.map((p) => p.entry),
        `${draft.preview.format} file ${draft.preview.fileName}`,
      );
      return { imported, skipped };
    } finally {
      this.discard(previewId);
    }
  }
}

/**
 * What makes an incoming entry one this station already holds: an AES key with the same check
 * value, a certificate with the same fingerprint, or a private key whose certificate is already
 * here with its private key. A private key for a certificate held here only as a public KEK is
 * new material (the other site's key arriving), not a duplicate.
 */
function materialIndex(present: readonly EntryView[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const e of present) {
    if (e.state === 'destroyed') continue;
    if (e.kcv) index.set(`kcv:${e.keyBits}:${e.kcv}`, e.label);
    if (!e.certificate) continue;
    index.set(`cert:${e.certificate.sha256}`, e.label);
    if (e.hasSecret) index.set(`key:${e.certificate.sha256}`, e.label);
  }
  return index;
}

function materialOf(entry: KeystoreEntry, row: Omit<ImportPreviewEntry, 'alreadyHere'>): string {
  if (entry.kind === 'secret-key') return `kcv:${entry.key.length * 8}:${keyCheckValue(entry.key)}`;
  if (!row.certificate) return '';
  return `${entry.kind === 'private-key' ? 'key' : 'cert'}:${row.certificate.sha256}`;
}

function describe(
  entry: KeystoreEntry,
  taken: Set<string>,
  seen: Set<string>,
  keystore: Keystore,
): Omit<ImportPreviewEntry, 'alreadyHere'> {
  const label = [...entry.alias.trim()].slice(0, MAX_LABEL_LENGTH).join('') || 'unnamed';
  const clash = taken.has(label.toLowerCase()) || seen.has(label.toLowerCase());
  const suggestedLabel = clash ? keystore.freeVariantOf(label, new Set([...taken, ...seen])) : label;
  const base = { alias: entry.alias, label, clash, suggestedLabel };
  const tooLong =
    [...entry.alias.trim()].length > MAX_LABEL_LENGTH
      ? `The alias is longer than ${MAX_LABEL_LENGTH} characters; it will be shortened.`
      : null;
  if (entry.kind === 'secret-key') {
    const problem =
      entry.algorithm === 'AES' ? tooLong : `${entry.algorithm} keys are not kept in a Custos keystore (AES only).`;
    return {
      ...base,
      type: entry.algorithm === 'AES' ? 'secret-key' : null,
      algorithm: entry.algorithm,
      keyBits: entry.key.length * 8,
      problem: entry.algorithm === 'AES' ? null : problem,
      certificate: null,
    };
  }
  const der = entry.kind === 'private-key' ? entry.certificateChain[0] : entry.certificate;
  const facts = der ? safeInspect(der) : null;
  const certificate = facts ? { subject: facts.subject, notAfter: facts.notAfter, sha256: facts.sha256 } : null;
  if (entry.kind === 'private-key') {
    if (!facts)
      return {
        ...base,
        type: null,
        algorithm: '?',
        keyBits: 0,
        problem: 'A private key without its certificate cannot become a KEK.',
        certificate,
      };
    const problem = facts.keyType === 'RSA' ? null : `${facts.keyType} keys cannot wrap data keys; KEKs are RSA.`;
    return {
      ...base,
      type: problem ? null : 'kek',
      algorithm: facts.keyType,
      keyBits: facts.keyBits,
      problem,
      certificate,
    };
  }
  if (!facts)
    return { ...base, type: null, algorithm: '?', keyBits: 0, problem: 'The certificate cannot be read.', certificate };
  // An RSA certificate is most often a partner site's KEK; anything else is a trust anchor.
  const type: EntryType = facts.keyType === 'RSA' && facts.selfSigned ? 'public-kek' : 'trusted-certificate';
  return { ...base, type, algorithm: facts.keyType, keyBits: facts.keyBits, problem: null, certificate };
}

function toNewEntry(source: KeystoreEntry, label: string, type: EntryType, format: string): NewEntry {
  const origin = `imported from ${format}`;
  if (source.kind === 'secret-key')
    return {
      label,
      type: 'secret-key',
      origin,
      secret: Buffer.from(source.key),
      algorithm: 'AES',
      keyBits: source.key.length * 8,
    };
  if (source.kind === 'private-key')
    return {
      label,
      type: 'kek',
      origin,
      secret: Buffer.from(source.privateKeyPkcs8),
      certificateDer: source.certificateChain[0],
    };
  return {
    label,
    type: type === 'public-kek' ? 'public-kek' : 'trusted-certificate',
    origin,
    certificateDer: source.certificate,
  };
}

function safeInspect(der: Buffer): CertificateFacts | null {
  try {
    return inspectCertificate(der);
  } catch {
    return null;
  }
}
