import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { BackupCode, fail } from '../../contract';
import type {
  BackupCreateInput,
  BackupCreated,
  BackupInspection,
  BackupSelection,
  BackupStatus,
  BackupVerdict,
  OnClash,
  RestorePreview,
  ServerCopyReport,
  RestoreResult,
} from '../../contract';
import type { AuditLog } from '../audit';
import type { JobBoard } from '../jobs';
import { writeFileAtomic } from '../files';
import type { Keystore, NewEntry } from '../keystore';
import type { KeyServers } from '../servers';
import type { StationDatabase } from '../station';
import type { UsbDrive } from '../usb';
import { CUSTOS_VERSION } from '../version';
import { checkAgainstHeader, collectItems, archivedEntry, sameMaterial, selectEntries, wipeItems } from './contents';
import { ARCHIVE_VERSION, keyCheckOf, openPayload, parseArchive, sealArchive } from './format';
import type { ParsedArchive } from './format';
import type { ShareProtector } from './header';
import { calibrateBackupKdf, checkBackupPassphrase, openWithPassphrase, protectWithPassphrase } from './passphrase';
import { decodePayload, encodePayload } from './payload';
import type { PayloadItem } from './payload';
import { combineShares, decodeShare, encodeShare, newSetId, splitDataKey } from './shares';
import type { CustodianShare, GivenShare } from './shares';
import { shareFileText, shareSheetPdf } from './sheets';
import { ArchiveSessions } from './sessions';
import { planShareDrives } from './share-drives';
import type { ShareDriveWriter } from './share-drives';
import { BackupStore } from './store';
import { copyToServer } from './to-server';

/** Archives hold every key of a station; 4 GiB is far beyond any real keystore. */
export const MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024;

export interface CreateBackupRequest {
  selection: BackupSelection;
  /** The archive's path; main chooses it for the UI. */
  out: string;
  passphrase?: string;
  /** Share files go to `dir`, or each to its own USB drive (`drives`: mount point, id or label, share i on drive i). */
  shares?: {
    threshold: number;
    count: number;
    holders: readonly string[];
    dir?: string;
    drives?: readonly string[];
    sheets: boolean;
  };
  includeIdentities?: boolean;
  /** What is being done now (a job's progress): the archive, then each share. */
  progress?: (fraction: number | null, phase: string) => void;
}

/** How an archive is opened: the backup passphrase, or custodian shares (as text, with where each came from). */
export type ArchiveUnlock = { passphrase: string } | { shares: readonly { text: string; where: string }[] };

export interface BackupDeps {
  db: StationDatabase;
  keystore: Keystore;
  servers: KeyServers;
  audit: AuditLog;
  jobs: JobBoard;
  /** The station home: archives made from the UI go to its backups/ folder. */
  home: string;
  /** A fixed scrypt cost (log2 N) instead of calibrating to a second (tests only). */
  kdfLogN?: number;
  /** The key labels of a device group, for --group (the devices service). */
  groupLabels?: (group: string) => readonly string[];
  /** The USB service: shares written each to its own drive. */
  usb?: ShareDriveWriter;
}

/** Encrypted archives of the station's keys, custodian shares, verify, inspect and restore. */
export class BackupService {
  readonly store: BackupStore;
  private readonly sessions = new ArchiveSessions();
  private calibratedLogN: number | null = null;

  constructor(private readonly deps: BackupDeps) {
    this.store = new BackupStore(deps.db);
  }

  async create(request: CreateBackupRequest): Promise<BackupCreated> {
    const { keystore, servers, audit } = this.deps;
    if (!request.passphrase && !request.shares)
      fail(BackupCode.NoProtector, 'A backup needs a protector: a backup passphrase, custodian shares, or both.');
    if (request.passphrase !== undefined) checkBackupPassphrase(request.passphrase);
    const sharesWanted = request.shares;
    if (sharesWanted && sharesWanted.holders.length > sharesWanted.count)
      fail(
        BackupCode.HoldersInvalid,
        `${sharesWanted.holders.length} holders were named for ${sharesWanted.count} shares.`,
      );
    const shareDrives = sharesWanted ? await this.shareDrivesOf(sharesWanted) : null;
    const progress = request.progress ?? (() => undefined);
    const includeIdentities = request.includeIdentities === true;
    const views = selectEntries(keystore, request.selection, includeIdentities, this.deps.groupLabels);
    const registry = servers.registry.list();
    const dataKey = randomBytes(32);
    let items: PayloadItem[] = [];
    let payload: Buffer = Buffer.alloc(0);
    let shares: CustodianShare[] = [];
    let finished = false;
    let archiveWritten = false;
    // Shares on drives are erased again if the backup does not finish: a share of no backup is a loose secret.
    const onDrives: { drive: UsbDrive; fileName: string }[] = [];
    try {
      items = collectItems(keystore, views, registry, includeIdentities);
      payload = encodePayload(items);
      const passphrase = request.passphrase
        ? await protectWithPassphrase(dataKey, request.passphrase, await this.logN())
        : null;
      const setId = sharesWanted ? newSetId() : null;
      if (sharesWanted && setId)
        shares = await splitDataKey(dataKey, setId, sharesWanted.threshold, sharesWanted.count);
      const holders = sharesWanted
        ? Array.from({ length: sharesWanted.count }, (_, i) => sharesWanted.holders[i]?.trim() || `custodian ${i + 1}`)
        : [];
      const shareProtector: ShareProtector | null =
        sharesWanted && setId ? { setId, threshold: sharesWanted.threshold, count: sharesWanted.count, holders } : null;
      const createdAt = new Date().toISOString();
      const archive = sealArchive(
        {
          createdAt,
          station: { host: hostname(), custosVersion: CUSTOS_VERSION },
          entries: views.map(archivedEntry),
          servers: registry.map((s) => ({ name: s.name, address: s.address, kmipPort: s.kmipPort, role: s.role })),
          includesIdentities: includeIdentities,
          protectors: { passphrase, shares: shareProtector },
        },
        dataKey,
        payload,
      );
      try {
        writeFileAtomic(request.out, archive, 0o600);
        archiveWritten = true;
      } catch (e) {
        fail(BackupCode.OutputUnwritable, `Custos cannot write the archive ${request.out} (${errno(e)}).`);
      }
      const shareFiles: BackupCreated['shareFiles'] = [];
      if (sharesWanted && shareProtector && shareDrives) {
        for (const share of shares) {
          const holder = holders[share.index - 1] ?? `custodian ${share.index}`;
          const drive = shareDrives[share.index - 1];
          if (!drive) continue; // planShareDrives gave exactly one per share
          const stem = `${slug(basename(request.out))}-share-${share.index}-of-${share.count}-${slug(holder)}`;
          const facts = { text: encodeShare(share), share, holder, archive: basename(request.out), createdAt };
          progress(
            (share.index - 1) / share.count,
            `Writing share ${share.index} of ${share.count} (${holder}) to the USB drive ${drive.label || drive.mountPoint}`,
          );
          const path = await this.onDrive(onDrives, drive, `${stem}.txt`, Buffer.from(shareFileText(facts)));
          const sheetPath = sharesWanted.sheets
            ? await this.onDrive(onDrives, drive, `${stem}.pdf`, Buffer.from(await shareSheetPdf(facts)))
            : null;
          shareFiles.push({
            index: share.index,
            holder,
            path,
            sheetPath,
            drive: { label: drive.label, volumeId: drive.volumeId, mountPoint: drive.mountPoint },
          });
        }
      } else if (sharesWanted && shareProtector) {
        const dir = sharesWanted.dir ?? '';
        try {
          mkdirSync(dir, { recursive: true, mode: 0o700 });
        } catch (e) {
          fail(BackupCode.OutputUnwritable, `Custos cannot make the share folder ${dir} (${errno(e)}).`);
        }
        for (const share of shares) {
          const holder = holders[share.index - 1] ?? `custodian ${share.index}`;
          const stem = `${slug(basename(request.out))}-share-${share.index}-of-${share.count}-${slug(holder)}`;
          const text = encodeShare(share);
          const facts = { text, share, holder, archive: basename(request.out), createdAt };
          const path = join(dir, `${stem}.txt`);
          const sheetPath = sharesWanted.sheets ? join(dir, `${stem}.pdf`) : null;
          try {
            writeFileAtomic(path, shareFileText(facts), 0o600);
            if (sheetPath) writeFileAtomic(sheetPath, await shareSheetPdf(facts), 0o600);
          } catch (e) {
            fail(BackupCode.OutputUnwritable, `Custos cannot write ${holder}'s share in ${dir} (${errno(e)}).`);
          }
          shareFiles.push({ index: share.index, holder, path, sheetPath, drive: null });
        }
      }
      progress(null, 'Reading the archive back and opening it with each protector');
      // Read back what is on disk and open it the way a custodian will, before calling it a backup.
      const written = readArchiveFile(request.out);
      if (request.passphrase) await this.verify(written, request.out, { passphrase: request.passphrase });
      if (sharesWanted)
        await this.verify(written, request.out, {
          shares: shareFiles
            .slice(0, sharesWanted.threshold)
            .map((f) => ({ text: readFileSync(f.path, 'utf8'), where: basename(f.path) })),
        });
      const archiveId = randomUUID();
      const protectors = [
        passphrase ? 'passphrase' : '',
        shareProtector ? `shares ${shareProtector.threshold} of ${shareProtector.count}` : '',
      ]
        .filter(Boolean)
        .join(' + ');
      const verifiedAt = new Date().toISOString();
      this.store.transaction(() => {
        this.store.addArchive(
          {
            id: archiveId,
            path: request.out,
            created_at: createdAt,
            entry_count: views.length,
            protectors,
            share_set_id: setId,
            size_bytes: archive.length,
            verified_at: verifiedAt,
          },
          views,
        );
        for (const f of shareFiles)
          this.store.addCustody({
            set_id: setId ?? '',
            share_index: f.index,
            share_count: shareProtector?.count ?? 0,
            threshold: shareProtector?.threshold ?? 0,
            archive_id: archiveId,
            holder: f.holder,
            place: f.path,
            volume_id: f.drive?.volumeId ?? '',
            drive_label: f.drive?.label ?? '',
            written_at: createdAt,
          });
        audit.append({
          action: 'backup.create',
          object: basename(request.out),
          outcome: 'ok',
          detail: `${views.length} keys; ${protectors}${
            shareDrives ? `; shares on USB drives ${shareDrives.map((d) => d.label || d.mountPoint).join(', ')}` : ''
          }; verified`,
        });
      });
      finished = true;
      return {
        archiveId,
        path: request.out,
        entries: views.length,
        protectors,
        shareSetId: setId,
        shareFiles,
        verified: true,
        sizeBytes: archive.length,
      };
    } finally {
      dataKey.fill(0);
      payload.fill(0);
      wipeItems(items);
      for (const s of shares) s.share.fill(0);
      if (!finished) {
        for (const f of onDrives) await this.deps.usb?.eraseFile(f.drive, f.fileName).catch(() => undefined);
        if (archiveWritten && onDrives.length > 0) rmSync(request.out, { force: true });
      }
    }
  }

  /** The drives for the shares, checked before anything is written: one per share, each its own stick. */
  private async shareDrivesOf(wanted: NonNullable<CreateBackupRequest['shares']>): Promise<UsbDrive[] | null> {
    if (wanted.drives === undefined) {
      if (wanted.dir === undefined)
        fail(BackupCode.OutputUnwritable, 'Custodian shares need a place: a share folder or one USB drive per share.');
      return null;
    }
    if (!this.deps.usb) fail(BackupCode.OutputUnwritable, 'This station cannot write to USB drives.');
    return planShareDrives(this.deps.usb, wanted.drives, wanted.count);
  }

  /** Writes one file to a share's drive through the USB service and remembers it for the erase on failure. */
  private async onDrive(
    written: { drive: UsbDrive; fileName: string }[],
    drive: UsbDrive,
    fileName: string,
    bytes: Buffer,
  ): Promise<string> {
    const usb = this.deps.usb;
    if (!usb) return fail(BackupCode.OutputUnwritable, 'This station cannot write to USB drives.');
    try {
      // Remembered only once written: a file of that name already there (refused) is not ours to erase.
      const path = await usb.writeFile(drive, fileName, bytes);
      written.push({ drive, fileName });
      return path;
    } finally {
      bytes.fill(0);
    }
  }

  inspect(bytes: Buffer, name: string): BackupInspection {
    return inspectArchive(bytes, name);
  }

  /** Decrypts in memory and checks every entry against the header; nothing is written. */
  async verify(bytes: Buffer, name: string, unlock: ArchiveUnlock): Promise<BackupVerdict> {
    const items = await this.open(bytes, name, unlock);
    try {
      const entries = items.flatMap((i) => (i.record.kind === 'entry' ? [i.record.entry] : []));
      return {
        fileName: name,
        entries: entries.length,
        checked: entries.map((e) => ({ label: e.label, kcv: e.kcv, certificateSha256: e.certificateSha256 })),
      };
    } finally {
      wipeItems(items);
    }
  }

  async previewRestore(bytes: Buffer, name: string, unlock: ArchiveUnlock): Promise<RestorePreview> {
    const items = await this.open(bytes, name, unlock);
    try {
      return this.preview(items, name);
    } finally {
      wipeItems(items);
    }
  }

  /** One transaction: every entry that comes in, with an audit row each, or nothing. */
  async restore(bytes: Buffer, name: string, unlock: ArchiveUnlock, onClash: OnClash): Promise<RestoreResult> {
    const { keystore, servers, audit } = this.deps;
    const items = await this.open(bytes, name, unlock);
    const incoming: { entry: NewEntry; state: string; notes: string }[] = [];
    try {
      const preview = this.preview(items, name);
      const clashes = preview.entries.filter((e) => e.status === 'clash');
      if (onClash === 'fail' && clashes.length > 0)
        fail(
          BackupCode.LabelClash,
          `${clashes.length} label(s) of ${name} are taken here by other keys (${clashes
            .slice(0, 5)
            .map((c) => `"${c.label}"`)
            .join(', ')}); nothing was restored. Choose skip or rename.`,
        );
      const result: RestoreResult = { restored: [], skipped: [], servers: [] };
      const taken = new Set(keystore.list().map((e) => e.label.toLowerCase()));
      const entries = items.filter((i) => i.record.kind === 'entry');
      entries.forEach((item, i) => {
        const status = preview.entries[i];
        const record = item.record;
        if (!status || record.kind !== 'entry') return;
        if (status.status === 'same-material') {
          result.skipped.push({ label: status.label, reason: 'this station already holds the same key' });
          return;
        }
        if (status.status === 'clash' && onClash === 'skip') {
          result.skipped.push({ label: status.label, reason: 'the label is taken here by another key' });
          return;
        }
        const label = status.status === 'clash' ? keystore.freeVariantOf(status.label, taken) : status.label;
        taken.add(label.toLowerCase());
        const cert = record.certificates[0];
        incoming.push({
          entry: {
            label,
            type: record.entry.type,
            origin: `restored from ${basename(name)}`,
            secret: item.secret.length > 0 ? Buffer.from(item.secret) : undefined,
            certificateDer: cert ? Buffer.from(cert, 'base64') : undefined,
            algorithm: record.entry.algorithm,
            keyBits: record.entry.keyBits,
            csrPem: record.csrPem ?? undefined,
          },
          state: record.entry.state,
          notes: record.notes,
        });
        result.restored.push({ label: status.label, as: label });
      });
      const known = new Set(servers.registry.list().map((s) => s.name.toLowerCase()));
      this.store.transaction(() => {
        if (incoming.length > 0)
          keystore.addAll(
            incoming.map((i) => i.entry),
            `backup ${basename(name)}`,
          );
        for (const i of incoming) {
          if (i.state === 'deactivated' || i.state === 'compromised') keystore.setState(i.entry.label, i.state);
          if (i.notes) keystore.setNotes(i.entry.label, i.notes);
        }
        for (const item of items) {
          const r = item.record;
          if (r.kind !== 'server' || known.has(r.server.name.toLowerCase())) continue;
          const identity = r.identityLabel && keystore.isLabelTaken(r.identityLabel) ? r.identityLabel : undefined;
          const trust = r.trustLabel && keystore.isLabelTaken(r.trustLabel) ? r.trustLabel : undefined;
          servers.registry.add({
            name: r.server.name,
            address: r.server.address,
            kmipPort: r.server.kmipPort,
            ippTcpPort: r.ippTcpPort,
            ippTlsPort: r.ippTlsPort,
            role: r.server.role,
            identityLabel: identity,
            trustLabel: trust,
            verifyHostname: r.verifyHostname,
          });
          result.servers.push(r.server.name);
        }
        audit.append({
          action: 'backup.restore',
          object: basename(name),
          outcome: 'ok',
          detail: `${result.restored.length} restored, ${result.skipped.length} skipped, ${result.servers.length} key servers`,
        });
      });
      return result;
    } finally {
      wipeItems(items);
      for (const i of incoming) i.entry.secret?.fill(0);
    }
  }

  /** The UI's backup: main picks the paths (the station's backups/ folder) and runs it as a job. */
  startCreate(input: BackupCreateInput): { jobId: string; done: Promise<BackupCreated> } {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const folder = join(this.deps.home, 'backups');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const out = join(folder, `custos-backup-${stamp}.cbk`);
    let created: BackupCreated | null = null;
    const { id, done } = this.deps.jobs.start({
      kind: 'backup.create',
      title: 'Write and verify a backup archive',
      cancellable: false,
      run: async (ctx) => {
        ctx.progress(null, 'Encrypting and writing the archive');
        created = await this.create({
          selection: input.selection,
          out,
          passphrase: input.passphrase,
          includeIdentities: input.includeIdentities,
          shares: input.shares
            ? {
                ...input.shares,
                ...(input.shareDrives
                  ? { drives: input.shareDrives }
                  : { dir: join(folder, `custos-backup-${stamp}-shares`) }),
                sheets: input.sheets,
              }
            : undefined,
          progress: (fraction, phase) => ctx.progress(fraction, phase),
        });
        return `Wrote and verified ${basename(out)}: ${created.entries} keys, ${created.protectors}.`;
      },
    });
    return {
      jobId: id,
      done: done.then(
        (job) => created ?? fail(BackupCode.OutputUnwritable, job.outcome ?? 'The backup did not finish.'),
      ),
    };
  }

  /** Opens an archive for verify or restore from the UI: one of this station's, or bytes the custodian picked. */
  openSession(source: { archiveId: string } | { fileName: string; bytes: Buffer }) {
    let bytes: Buffer;
    let name: string;
    if ('archiveId' in source) {
      const row = this.store.archives(10_000).find((a) => a.id === source.archiveId);
      if (!row) fail(BackupCode.NotArchive, 'This station has no record of that archive.');
      bytes = readArchiveFile(row.path);
      name = basename(row.path);
    } else {
      bytes = Buffer.from(source.bytes); // our own copy: the caller's buffer is wiped after the call
      name = basename(source.fileName);
    }
    const inspection = inspectArchive(bytes, name);
    return { sessionId: this.sessions.begin(bytes, name, inspection), inspection };
  }

  giveShare(sessionId: string, text: string) {
    return this.sessions.give(sessionId, text);
  }

  closeSession(sessionId: string): void {
    this.sessions.close(sessionId);
  }

  private sessionUnlock(sessionId: string, passphrase?: string) {
    const session = this.sessions.get(sessionId);
    const unlock: ArchiveUnlock = passphrase
      ? { passphrase }
      : { shares: session.shares.map((s) => ({ text: s.text, where: s.where })) };
    return { session, unlock };
  }

  verifySession(sessionId: string, passphrase?: string): Promise<BackupVerdict> {
    const { session, unlock } = this.sessionUnlock(sessionId, passphrase);
    return this.verify(session.bytes, session.name, unlock);
  }

  previewSession(sessionId: string, passphrase?: string): Promise<RestorePreview> {
    const { session, unlock } = this.sessionUnlock(sessionId, passphrase);
    return this.previewRestore(session.bytes, session.name, unlock);
  }

  async restoreSession(sessionId: string, onClash: OnClash, passphrase?: string): Promise<RestoreResult> {
    const { session, unlock } = this.sessionUnlock(sessionId, passphrase);
    const result = await this.restore(session.bytes, session.name, unlock, onClash);
    this.sessions.close(sessionId);
    return result;
  }

  /**
   * Copies keys to a named registered key server as a job (progress, cancel between keys),
   * through the key-server pair: a backup server of seed 002, filled over KMIP.
   */
  startCopyToServer(server: string, selection: BackupSelection): { jobId: string; done: Promise<ServerCopyReport> } {
    const { keystore, servers, audit, jobs } = this.deps;
    const name = servers.registry.show(server).name;
    // Keys only: trust anchors and this station's own identity stay with the station.
    const views = selectEntries(keystore, selection, false, this.deps.groupLabels).filter(
      (v) => !('all' in selection) || v.type === 'kek' || v.type === 'public-kek' || v.type === 'secret-key',
    );
    let report: ServerCopyReport | null = null;
    const { id, done } = jobs.start({
      kind: 'backup.to-server',
      title: `Copy ${views.length} keys to ${name}`,
      cancellable: true,
      run: async (ctx) => {
        report = await copyToServer({ keystore, pair: servers.pair, store: this.store, audit }, name, views, {
          group: 'group' in selection ? selection.group : undefined,
          ctx,
        });
        return `${report.copied} copied, ${report.alreadyThere} already there, ${report.problems} problems on ${name}.`;
      },
    });
    return {
      jobId: id,
      done: done.then((job) => {
        if (report) return report;
        return fail(BackupCode.ServerCopyFailed, job.outcome ?? `The copy to ${name} stopped.`);
      }),
    };
  }

  status(): BackupStatus {
    const archives = this.store.archives();
    const lastArchived = this.store.lastArchived();
    const lastCopies = this.store.lastServerCopies();
    let entries: ReturnType<Keystore['list']>;
    try {
      entries = this.deps.keystore.list().filter((e) => e.state !== 'destroyed');
    } catch {
      entries = []; // a locked vault: per-key status waits until it is open
    }
    const keys = entries.map((e) => ({
      label: e.label,
      type: e.type,
      lastArchive: lastArchived.get(e.id) ?? null,
      lastServerCopy: lastCopies.get(e.id) ?? null,
    }));
    return {
      lastBackup: archives[0]?.created_at ?? null,
      archives: archives.map((a) => ({
        id: a.id,
        path: a.path,
        createdAt: a.created_at,
        entries: a.entry_count,
        protectors: a.protectors,
        shareSetId: a.share_set_id,
        verifiedAt: a.verified_at,
        custody: this.store.custody(a.id).map((c) => ({
          index: c.share_index,
          count: c.share_count,
          holder: c.holder,
          place: c.place,
          drive: c.drive_label || c.volume_id ? { label: c.drive_label, volumeId: c.volume_id } : null,
        })),
      })),
      keys,
      nowhereElse: entries
        // A station's TLS identity can be made again; KEKs and data-protecting keys cannot.
        .filter((e) => e.hasSecret && e.type !== 'client-identity' && !lastArchived.has(e.id) && !lastCopies.has(e.id))
        .map((e) => e.label),
    };
  }

  // --- internals ------------------------------------------------------------------------

  private preview(items: readonly PayloadItem[], name: string): RestorePreview {
    const { keystore, servers } = this.deps;
    const here = new Map(keystore.list().map((e) => [e.label.toLowerCase(), e]));
    const taken = new Set(here.keys());
    const entries = items.flatMap((item) => {
      if (item.record.kind !== 'entry') return [];
      const label = item.record.entry.label;
      const present = here.get(label.toLowerCase());
      const status = !present ? 'comes-in' : sameMaterial(keystore, present, item) ? 'same-material' : 'clash';
      const suggestedLabel = status === 'clash' ? keystore.freeVariantOf(label, taken) : null;
      if (suggestedLabel) taken.add(suggestedLabel.toLowerCase());
      return [{ label, type: item.record.entry.type, status, suggestedLabel } as const];
    });
    const known = new Set(servers.registry.list().map((s) => s.name.toLowerCase()));
    return {
      fileName: basename(name),
      entries,
      servers: items.flatMap((i) =>
        i.record.kind === 'server'
          ? [
              {
                name: i.record.server.name,
                status: known.has(i.record.server.name.toLowerCase()) ? 'present' : 'comes-in',
              } as const,
            ]
          : [],
      ),
    };
  }

  /** The data key from the unlock, checked against the header before any chunk is decrypted; then the checked items. */
  private async open(bytes: Buffer, name: string, unlock: ArchiveUnlock): Promise<PayloadItem[]> {
    const archive: ParsedArchive = parseArchive(bytes, name);
    const dataKey = await this.dataKeyOf(archive, name, unlock);
    let payload: Buffer | null = null;
    try {
      if (keyCheckOf(dataKey) !== archive.header.keyCheck)
        fail(
          'passphrase' in unlock ? BackupCode.PassphraseWrong : BackupCode.SharesInconsistent,
          'passphrase' in unlock
            ? `That is not the backup passphrase of ${name}; nothing was decrypted.`
            : `The shares given do not rebuild the key of ${name} (one is altered or from another split); nothing was decrypted.`,
        );
      payload = openPayload(archive, dataKey, name);
      const items = decodePayload(payload, name);
      try {
        checkAgainstHeader(items, archive.header, name);
      } catch (e) {
        wipeItems(items);
        throw e;
      }
      return items;
    } finally {
      dataKey.fill(0);
      payload?.fill(0);
    }
  }

  private async dataKeyOf(archive: ParsedArchive, name: string, unlock: ArchiveUnlock): Promise<Buffer> {
    const { passphrase, shares } = archive.header.protectors;
    if ('passphrase' in unlock) {
      if (!passphrase)
        fail(BackupCode.ProtectorAbsent, `${name} has no backup passphrase; it opens with custodian shares.`);
      return openWithPassphrase(passphrase, unlock.passphrase, name);
    }
    if (!shares)
      fail(BackupCode.ProtectorAbsent, `${name} has no custodian shares; it opens with its backup passphrase.`);
    const given: GivenShare[] = unlock.shares.map((s) => ({ share: decodeShare(s.text, s.where), where: s.where }));
    try {
      return await combineShares(given, shares);
    } finally {
      for (const g of given) g.share.share.fill(0);
    }
  }

  private async logN(): Promise<number> {
    if (this.deps.kdfLogN !== undefined) return this.deps.kdfLogN;
    this.calibratedLogN ??= await calibrateBackupKdf();
    return this.calibratedLogN;
  }
}

/** Reads an archive with its size checked first. */
export function readArchiveFile(path: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    fail(BackupCode.NotArchive, `Custos cannot read ${path} (${errno(e)}).`);
  }
  if (size > MAX_ARCHIVE_BYTES)
    fail(BackupCode.NotArchive, `${path} is ${size} bytes: larger than any Custos archive.`);
  return readFileSync(path);
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/** A file-name-safe form of a holder or archive name: "Ann Li" -> "ann-li". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/\.[a-z0-9]+$/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'custodian'
  );
}

/** The header alone, read with no secret: what an archive holds and how it opens. */
export function inspectArchive(bytes: Buffer, name: string): BackupInspection {
  const { header } = parseArchive(bytes, name);
  const pass = header.protectors.passphrase;
  return {
    fileName: name,
    formatVersion: ARCHIVE_VERSION,
    createdAt: header.createdAt,
    station: header.station.host,
    custosVersion: header.station.custosVersion,
    entries: header.entries.map((e) => ({
      label: e.label,
      type: e.type,
      state: e.state,
      algorithm: e.algorithm,
      keyBits: e.keyBits,
      kcv: e.kcv,
      certificateSha256: e.certificateSha256,
      hasSecret: e.hasSecret,
    })),
    servers: header.servers.map((s) => s.name),
    includesIdentities: header.includesIdentities,
    passphrase: pass ? { kdf: pass.kdf, N: pass.N, r: pass.r, p: pass.p } : null,
    shares: header.protectors.shares,
    sizeBytes: bytes.length,
  };
}
