import { randomUUID } from 'node:crypto';
import { DeviceCode, fail } from '../../../contract';
import type { DevicePolicy, EkmPreview, EkmResult, EntryView } from '../../../contract';
import type { AuditLog } from '../../audit';
import { labelKey, MAX_LABEL_LENGTH } from '../../keystore';
import type { Keystore, KeystoreImport } from '../../keystore';
import type { StationDatabase } from '../../station';
import type { DeviceGroups } from '../groups';
import { checkSerial, checkWwn, groupKey, serialKey } from '../rules';
import type { GroupRow } from '../store';
import { readEkmConfig } from './config';
import type { EkmConfig } from './config';
import { scanMetadataFile, scanMetadataText } from './metadata';
import type { KeyUsageEvent } from './metadata';

export type MetadataSource = { fileName: string; path: string } | { fileName: string; text: string };

export interface EkmRequest {
  name: string;
  config: { fileName: string; text: string };
  keystore?: { fileName: string; bytes: Buffer; storePassword?: string };
  metadata?: MetadataSource;
  /**
   * False: the preview leaves the metadata unread (events and drives show as 0) and the commit's
   * one pass, inside its transaction, does all the checking. For a caller that shows no preview (the CLI).
   */
  previewMetadata?: boolean;
  /** Overrides the policy the file's drive.acceptUnknownDrives gives. */
  policy?: DevicePolicy;
}

interface Draft {
  preview: EkmPreview;
  config: EkmConfig;
  configFileName: string;
  keystorePreviewId: string | null;
  metadata: MetadataSource | null;
  timer: ReturnType<typeof setTimeout>;
}

const DRAFT_LIFETIME_MS = 10 * 60_000;

function scan(source: MetadataSource, onEvent: (event: KeyUsageEvent) => void): number {
  return 'path' in source
    ? scanMetadataFile(source.path, source.fileName, onEvent)
    : scanMetadataText(source.text, source.fileName, onEvent);
}

/**
 * A retiring EKM/ISKLM into one 3592 group, in two steps like the keystore import: read all
 * three files and show what would happen; then do it in one transaction (the keystore's
 * entries, the group, its devices and every key-usage event), or nothing.
 */
export class EkmMigration {
  private readonly drafts = new Map<string, Draft>();

  constructor(
    private readonly db: StationDatabase,
    private readonly keystore: Keystore,
    private readonly imports: KeystoreImport,
    private readonly groups: DeviceGroups,
    private readonly audit: AuditLog,
  ) {}

  async preview(request: EkmRequest): Promise<EkmPreview> {
    const name = this.groups.freeName(request.name);
    const config = readEkmConfig(request.config.text, request.config.fileName);
    this.keystore.list(); // the vault must be open
    const available = new Map<string, 'keystore file' | 'station'>();
    for (const e of this.keystore.list()) if (e.state !== 'destroyed') available.set(labelKey(e.label), 'station');
    let keystorePreviewId: string | null = null;
    let keystoreEntries = 0;
    if (request.keystore) {
      if (request.keystore.storePassword === undefined)
        fail(
          DeviceCode.EkmKeystoreNeedsPassword,
          `${request.keystore.fileName} needs its store password (--store-pass-file).`,
        );
      const preview = await this.imports.preview(request.keystore);
      keystorePreviewId = preview.previewId;
      keystoreEntries = preview.entries.length;
      for (const e of preview.entries)
        if (e.type && !e.problem && !available.has(labelKey(e.label)))
          available.set(labelKey(e.label), 'keystore file');
    }
    try {
      const keks = (['alias1', 'alias2'] as const).map((role) => {
        const alias = config[role];
        const source = available.get(labelKey(aliasLabel(alias)));
        if (!source)
          fail(
            DeviceCode.EkmAliasNotInKeystore,
            `The configuration's drive.default.${role} "${alias}" is in neither ${request.keystore?.fileName ?? 'a keystore file (none was given)'} nor this station's keystore; give the EKM keystore that holds it. Nothing was imported.`,
          );
        return { label: aliasLabel(alias), role, source };
      });
      const devices = new Map<string, { serial: string; wwn: string }>();
      const policy = request.policy ?? config.policy;
      let events = 0;
      if (request.metadata && request.previewMetadata !== false) {
        const keyOf = aliasKeys();
        events = scan(request.metadata, (event) => {
          for (const alias of [event.alias1, event.alias2]) {
            if (alias && !available.has(keyOf(alias)))
              fail(
                DeviceCode.MetadataUnknownKey,
                `${request.metadata?.fileName ?? 'The metadata'}: event ${event.index} (volser ${event.volser}) names the key "${alias}", which neither keystore holds; give the keystore that holds it. Nothing was imported.`,
              );
          }
          const serial = checkSerial(event.driveSerial);
          if (!devices.has(serialKey(serial)))
            devices.set(serialKey(serial), { serial, wwn: checkWwn(event.driveWwn) });
        });
      }
      const state = policy === 'auto' ? 'accepted' : policy === 'pending' ? 'pending' : 'unknown';
      const previewId = randomUUID();
      const preview: EkmPreview = {
        previewId,
        name,
        family: '3592',
        policy,
        keks,
        keystoreEntries,
        devices: [...devices.values()].map((d) => ({ ...d, state })),
        events,
        ports: { tcp: config.tcpPort, ssl: config.sslPort },
        keystoreType: config.keystoreType,
        warnings: config.warnings,
      };
      const timer = setTimeout(() => this.discard(previewId), DRAFT_LIFETIME_MS);
      timer.unref();
      this.drafts.set(previewId, {
        preview,
        config,
        configFileName: request.config.fileName,
        keystorePreviewId,
        metadata: request.metadata ?? null,
        timer,
      });
      return preview;
    } catch (e) {
      if (keystorePreviewId) this.imports.discard(keystorePreviewId);
      throw e;
    }
  }

  discard(previewId: string): void {
    const draft = this.drafts.get(previewId);
    if (!draft) return;
    clearTimeout(draft.timer);
    if (draft.keystorePreviewId) this.imports.discard(draft.keystorePreviewId);
    this.drafts.delete(previewId);
  }

  commit(previewId: string): EkmResult {
    const draft = this.drafts.get(previewId);
    if (!draft)
      fail(
        DeviceCode.MigrationExpired,
        'That migration preview has expired or was already used; read the files again.',
      );
    try {
      return this.db.transaction(() => this.apply(draft))();
    } finally {
      this.discard(previewId);
    }
  }

  private apply(draft: Draft): EkmResult {
    const { preview, config } = draft;
    const policy = preview.policy;
    const name = this.groups.freeName(preview.name);
    // Labels already here are kept (same label: the same key moved earlier); the rest are added.
    const imported = draft.keystorePreviewId
      ? this.imports.commit(draft.keystorePreviewId, 'skip', []).imported.map((e) => e.label)
      : [];
    draft.keystorePreviewId = null;
    const entries = new Map<string, EntryView>(this.keystore.list().map((e) => [labelKey(e.label), e]));
    const now = new Date().toISOString();
    const group: GroupRow = {
      id: randomUUID(),
      name,
      name_key: groupKey(name),
      family: '3592',
      policy,
      description: `Migrated from EKM (${draft.configFileName})`,
      key_prefix: null,
      created_at: now,
      updated_at: now,
    };
    this.groups.store.insertGroup(group);
    for (const [position, kek] of preview.keks.entries()) {
      const entry = entries.get(labelKey(kek.label));
      if (!entry || (entry.type !== 'kek' && entry.type !== 'public-kek'))
        fail(
          DeviceCode.EkmAliasNotInKeystore,
          `"${kek.label}" is not a KEK in this station's keystore after the import; nothing was imported.`,
        );
      this.groups.store.insertKey({
        group_id: group.id,
        label_key: labelKey(entry.label),
        label: entry.label,
        role: kek.role,
        encoding: 'L',
        position,
      });
    }
    const perLabel = new Map<string, { events: number; lastUsed: string | null }>();
    let events = 0;
    if (draft.metadata) {
      const store = this.groups.store;
      const keyOf = aliasKeys();
      // Per-import memory is bounded by drives and labels, not by events.
      const drives = new Map<string, { serial: string; wwn: string }>();
      const drivesNoted = new Set<string>();
      events = scan(draft.metadata, (event) => {
        let drive = drives.get(event.driveSerial);
        if (!drive) {
          drive = { serial: checkSerial(event.driveSerial), wwn: checkWwn(event.driveWwn) };
          drives.set(event.driveSerial, drive);
          this.groups.requestDevice(group, drive.serial, drive.wwn, event.at ?? now);
        }
        const { serial, wwn } = drive;
        const named = [event.alias1, event.alias2].filter((a) => a !== '');
        const aliases = named.map(keyOf);
        aliases.forEach((key, i) => {
          if (!entries.has(key))
            fail(
              DeviceCode.MetadataUnknownKey,
              `${draft.metadata?.fileName ?? 'The metadata'}: event ${event.index} (volser ${event.volser}) names the key "${named[i] ?? ''}", which neither keystore holds; give the keystore that holds it. Nothing was imported.`,
            );
        });
        store.insertEvent({
          group_id: group.id,
          volser: event.volser,
          drive_serial: serial,
          drive_wwn: wwn,
          alias1_key: aliases[0] ?? '',
          alias2_key: aliases[1] ?? '',
          at: event.at,
        });
        for (const key of aliases) {
          store.noteCartridge(key, event.volser);
          if (!drivesNoted.has(`${key}\n${serial}`)) {
            drivesNoted.add(`${key}\n${serial}`);
            store.noteDrive(key, serial, wwn);
          }
          const seen = perLabel.get(key) ?? { events: 0, lastUsed: null };
          seen.events++;
          if (event.at && (!seen.lastUsed || event.at > seen.lastUsed)) seen.lastUsed = event.at;
          perLabel.set(key, seen);
        }
      });
      for (const [key, seen] of perLabel) store.refreshCount(key, seen.events, seen.lastUsed);
    }
    this.audit.append({
      action: 'group.import-ekm',
      object: name,
      outcome: 'ok',
      detail: `from ${draft.configFileName}: ${imported.length} keystore entries, ${events} key-usage events, policy ${policy}, ${config.warnings.length} warnings`,
    });
    return { group: this.groups.view(group), imported, events, warnings: config.warnings };
  }
}

/** labelKey of an alias, remembered: a file names a handful of aliases a hundred thousand times. */
function aliasKeys(): (alias: string) => string {
  const known = new Map<string, string>();
  return (alias) => {
    let key = known.get(alias);
    if (key === undefined) {
      key = labelKey(aliasLabel(alias));
      known.set(alias, key);
    }
    return key;
  };
}

/** The label an EKM alias becomes here (the keystore import trims and shortens the same way). */
function aliasLabel(alias: string): string {
  return [...alias.trim()].slice(0, MAX_LABEL_LENGTH).join('');
}
