import { z } from 'zod';
import {
  BackupCreateInputSchema,
  BackupGiveShareInputSchema,
  BackupOpenInputSchema,
  BackupRestoreInputSchema,
  BackupSessionIdInputSchema,
  BackupSessionSchema,
  BackupShareGivenSchema,
  BackupStatusSchema,
  BackupToServerInputSchema,
  BackupUnlockInputSchema,
  BackupVerdictSchema,
  RestorePreviewSchema,
  RestoreResultSchema,
} from './backup';
import { JobIdSchema, JobViewSchema } from './jobs';
import {
  FileBeginInputSchema,
  FileBeginResultSchema,
  FileChunkInputSchema,
  FileChunkResultSchema,
  FileFinishResultSchema,
  UploadIdSchema,
} from './files';
import { AuditFilterSchema, AuditRowViewSchema, AuditVerdictSchema } from './audit';
import {
  CreateKekInputSchema,
  CreateSecretKeyInputSchema,
  DestroyInputSchema,
  EedkUnwrapInputSchema,
  EedkUnwrapResultSchema,
  EedkWrapInputSchema,
  EedkWrapResultSchema,
  EntryPageSchema,
  EntryViewSchema,
  ExportInputSchema,
  ExportResultSchema,
  ImportCommitInputSchema,
  ImportPreviewInputSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  ListEntriesInputSchema,
  SetNotesInputSchema,
  SetStateInputSchema,
} from './keystore';
import {
  AddServerInputSchema,
  ConsoleAttributeSchema,
  ConsoleLocateInputSchema,
  ConsoleChangedSchema,
  ConsoleChangeInputSchema,
  ConsoleCreateInputSchema,
  ConsoleDiscoverSchema,
  ConsoleObjectInputSchema,
  ConsoleObjectSchema,
  ConsoleReadInputSchema,
  ConsoleRegisterInputSchema,
  ConsoleRevokeInputSchema,
  KmipIdSchema,
  ConsoleServerSchema,
  FetchChainInputSchema,
  HealthReportSchema,
  IdentityInputSchema,
  ImportSignedInputSchema,
  KeyServerViewSchema,
  RetrievedChainSchema,
  ServerDraftSchema,
  ServerNameSchema,
  StandingWarningSchema,
  TestResultSchema,
  TestStepSchema,
  TrustRetrievedInputSchema,
  TrustUploadInputSchema,
} from './servers';
import { SelfTestCheckSchema, StationSnapshotSchema } from './station';
import {
  UsbCancelResultSchema,
  UsbCommitResultSchema,
  UsbCreateInputSchema,
  UsbCustodyInputSchema,
  UsbMarkLostInputSchema,
  UsbDrivesInputSchema,
  UsbDriveViewSchema,
  UsbEraseInputSchema,
  UsbDriveListerSchema,
  UsbEraseResultSchema,
  UsbKeyCopyViewSchema,
  UsbKeySetViewSchema,
  UsbNameSchema,
  UsbProgressSchema,
  UsbValidateResultSchema,
} from './usb';
import { PassphraseSchema, VaultStatusSchema } from './vault';
import { SettingChangeSchema, StationSettingsSchema } from './settings';
import {
  AddDeviceInputSchema,
  DeleteGroupInputSchema,
  DeviceDecisionInputSchema,
  EkmCommitInputSchema,
  EkmPreviewInputSchema,
  EkmPreviewSchema,
  EkmResultSchema,
  GroupHoldingsSchema,
  GroupJobInputSchema,
  GroupRefSchema,
  GroupSummarySchema,
  GroupViewSchema,
  SyncReportSchema,
  UsedBySchema,
} from './devices';
import {
  StationTokenViewSchema,
  TokenAddInputSchema,
  TokenAdoptResultSchema,
  TokenContentsViewSchema,
  TokenCreateKekInputSchema,
  TokenLoginInputSchema,
  TokenModuleViewSchema,
  TokenNameInputSchema,
} from './tokens';

/**
 * The one table of everything that crosses the process boundary. Channel names are
 * `domain.method`; the preload, the browser-host bridge, main's binder and the renderer's
 * types are all derived from it, so a channel exists everywhere or nowhere.
 */
const none = z.strictObject({});

export const calls = {
  'station.snapshot': { input: none, output: StationSnapshotSchema },
  'station.selfTest': { input: none, output: z.strictObject({ jobId: JobIdSchema }) },
  'station.lastSelfTest': { input: none, output: z.array(SelfTestCheckSchema) },
  'jobs.cancel': { input: z.strictObject({ id: JobIdSchema }), output: JobViewSchema },
  'jobs.dismiss': { input: z.strictObject({ id: JobIdSchema }), output: none },

  'vault.status': { input: none, output: VaultStatusSchema },
  'vault.create': { input: z.strictObject({ passphrase: PassphraseSchema }), output: VaultStatusSchema },
  'vault.unlock': {
    input: z.strictObject({ passphrase: PassphraseSchema, remember: z.boolean().optional() }),
    output: VaultStatusSchema,
  },
  'vault.lock': { input: none, output: VaultStatusSchema },
  'vault.changePassphrase': {
    input: z.strictObject({ current: PassphraseSchema, next: PassphraseSchema }),
    output: VaultStatusSchema,
  },
  'vault.setAutoLock': {
    input: z.strictObject({ minutes: z.number().int().min(0).max(1440) }),
    output: VaultStatusSchema,
  },
  'vault.forget': { input: none, output: VaultStatusSchema },
  /** Remember on this computer, while unlocked: no passphrase crosses again. */
  'vault.remember': { input: none, output: VaultStatusSchema },

  'settings.get': { input: none, output: StationSettingsSchema },
  'settings.set': { input: SettingChangeSchema, output: StationSettingsSchema },

  'keystore.list': { input: ListEntriesInputSchema, output: EntryPageSchema },
  'keystore.createKek': { input: CreateKekInputSchema, output: EntryViewSchema },
  'keystore.createSecretKey': { input: CreateSecretKeyInputSchema, output: EntryViewSchema },
  'keystore.setState': { input: SetStateInputSchema, output: EntryViewSchema },
  'keystore.setNotes': { input: SetNotesInputSchema, output: EntryViewSchema },
  'keystore.destroy': { input: DestroyInputSchema, output: EntryViewSchema },
  'keystore.importPreview': { input: ImportPreviewInputSchema, output: ImportPreviewSchema },
  /** The wizard's read: a job (progress, cancel) in worker threads; its preview comes from importReadResult. */
  'keystore.importRead': { input: ImportPreviewInputSchema, output: z.strictObject({ jobId: JobIdSchema }) },
  'keystore.importReadResult': { input: z.strictObject({ jobId: JobIdSchema }), output: ImportPreviewSchema },
  'keystore.importCommit': { input: ImportCommitInputSchema, output: ImportResultSchema },
  'keystore.importDiscard': { input: z.strictObject({ previewId: z.string().max(64) }), output: none },
  'keystore.export': { input: ExportInputSchema, output: ExportResultSchema },

  'files.begin': { input: FileBeginInputSchema, output: FileBeginResultSchema },
  'files.chunk': { input: FileChunkInputSchema, output: FileChunkResultSchema },
  'files.finish': { input: z.strictObject({ uploadId: UploadIdSchema }), output: FileFinishResultSchema },
  'files.discard': { input: z.strictObject({ uploadId: UploadIdSchema }), output: none },

  'eedk.wrap': { input: EedkWrapInputSchema, output: EedkWrapResultSchema },
  'eedk.unwrap': { input: EedkUnwrapInputSchema, output: EedkUnwrapResultSchema },

  'servers.list': { input: none, output: z.array(KeyServerViewSchema) },
  'servers.warnings': { input: none, output: z.array(StandingWarningSchema) },
  'servers.add': { input: AddServerInputSchema, output: KeyServerViewSchema },
  'servers.rebind': {
    input: z.strictObject({
      name: z.string().min(1).max(128),
      trustLabel: z.string().max(256).optional(),
      identityLabel: z.string().max(256).optional(),
      verifyHostname: z.boolean().optional(),
    }),
    output: KeyServerViewSchema,
  },
  'servers.remove': {
    input: z.strictObject({ name: z.string().min(1).max(128), confirm: z.string().max(128) }),
    output: none,
  },
  'servers.fetchChain': { input: FetchChainInputSchema, output: RetrievedChainSchema.extend({ fetchId: z.string() }) },
  'servers.trustRetrieved': { input: TrustRetrievedInputSchema, output: EntryViewSchema },
  'servers.trustUpload': { input: TrustUploadInputSchema, output: EntryViewSchema },
  'servers.testDraft': { input: ServerDraftSchema, output: TestResultSchema },
  'servers.test': { input: ServerNameSchema, output: TestResultSchema },
  'servers.testKeyRetrieval': { input: ServerNameSchema, output: z.array(TestStepSchema) },
  'servers.ipp': { input: ServerNameSchema, output: z.array(TestStepSchema) },
  'servers.health': { input: none, output: HealthReportSchema },
  'servers.checkAll': { input: none, output: HealthReportSchema },
  'servers.setSchedule': {
    input: z.strictObject({ minutes: z.number().int().min(0).max(1440) }),
    output: HealthReportSchema,
  },
  'servers.calendar': { input: none, output: z.strictObject({ ics: z.string() }) },

  'identity.createSelfSigned': { input: IdentityInputSchema, output: EntryViewSchema },
  'identity.createCsr': {
    input: IdentityInputSchema,
    output: z.strictObject({ entry: EntryViewSchema, csrPem: z.string() }),
  },
  'identity.importSigned': { input: ImportSignedInputSchema, output: EntryViewSchema },
  /** Public: the station certificate to hand to the key server administrator. */
  'identity.certificatePem': {
    input: z.strictObject({ label: z.string().min(1).max(256) }),
    output: z.strictObject({ pem: z.string(), csrPem: z.string().nullable() }),
  },

  'kmip.query': {
    input: ServerNameSchema,
    output: z.strictObject({
      operations: z.array(z.string()),
      objectTypes: z.array(z.string()),
      vendor: z.string().nullable(),
      serverInformation: z.string().nullable(),
    }),
  },
  'kmip.locate': { input: ConsoleLocateInputSchema, output: z.strictObject({ ids: z.array(z.string()) }) },
  'kmip.attributes': {
    input: z.strictObject({ server: ConsoleServerSchema, id: KmipIdSchema }),
    output: z.array(ConsoleAttributeSchema),
  },
  'kmip.log': { input: none, output: z.strictObject({ path: z.string(), text: z.string() }) },
  'kmip.discover': { input: ConsoleReadInputSchema, output: ConsoleDiscoverSchema },
  'kmip.get': { input: ConsoleObjectInputSchema, output: ConsoleObjectSchema },
  'kmip.create': { input: ConsoleCreateInputSchema, output: ConsoleChangedSchema },
  'kmip.register': { input: ConsoleRegisterInputSchema, output: ConsoleChangedSchema },
  'kmip.activate': { input: ConsoleChangeInputSchema, output: ConsoleChangedSchema },
  'kmip.revoke': { input: ConsoleRevokeInputSchema, output: ConsoleChangedSchema },
  'kmip.destroy': { input: ConsoleChangeInputSchema, output: ConsoleChangedSchema },

  'usb.drives': { input: none, output: z.array(UsbDriveViewSchema) },
  'usb.driveLister': { input: none, output: UsbDriveListerSchema },
  'usb.keySets': { input: none, output: z.array(UsbKeySetViewSchema) },
  'usb.copies': { input: UsbNameSchema, output: z.array(UsbKeyCopyViewSchema) },
  'usb.create': { input: UsbCreateInputSchema, output: z.strictObject({ jobId: z.string() }) },
  'usb.rekey': { input: UsbDrivesInputSchema, output: z.strictObject({ jobId: z.string() }) },
  'usb.addCopies': { input: UsbDrivesInputSchema, output: z.strictObject({ jobId: z.string() }) },
  'usb.commit': { input: UsbNameSchema, output: UsbCommitResultSchema },
  'usb.cancel': { input: UsbNameSchema, output: UsbCancelResultSchema },
  'usb.validate': {
    input: z.strictObject({ name: z.string().min(1).max(64).optional() }),
    output: UsbValidateResultSchema,
  },
  'usb.erase': { input: UsbEraseInputSchema, output: UsbEraseResultSchema },
  'usb.setCustody': { input: UsbCustodyInputSchema, output: UsbKeyCopyViewSchema },
  'usb.markLost': { input: UsbMarkLostInputSchema, output: UsbKeyCopyViewSchema },

  'audit.list': { input: AuditFilterSchema, output: z.array(AuditRowViewSchema) },
  'audit.verify': { input: none, output: AuditVerdictSchema },
  'audit.exportCsv': { input: AuditFilterSchema, output: z.strictObject({ csv: z.string() }) },

  'devices.list': { input: none, output: z.array(GroupSummarySchema) },
  'devices.show': { input: GroupRefSchema, output: GroupViewSchema },
  'devices.create': { input: GroupJobInputSchema, output: z.strictObject({ jobId: JobIdSchema }) },
  'devices.delete': { input: DeleteGroupInputSchema, output: none },
  'devices.addDevice': { input: AddDeviceInputSchema, output: GroupViewSchema },
  'devices.approve': { input: DeviceDecisionInputSchema, output: GroupViewSchema },
  'devices.reject': { input: DeviceDecisionInputSchema, output: GroupViewSchema },
  'devices.sync': { input: GroupRefSchema, output: SyncReportSchema },
  'devices.holdings': { input: GroupRefSchema, output: GroupHoldingsSchema },
  'devices.usedBy': { input: z.strictObject({ label: z.string().min(1).max(256) }), output: UsedBySchema },
  'devices.pendingCount': { input: none, output: z.strictObject({ pending: z.number().int() }) },
  'devices.ekmPreview': { input: EkmPreviewInputSchema, output: EkmPreviewSchema },
  'devices.ekmCommit': { input: EkmCommitInputSchema, output: EkmResultSchema },
  'devices.ekmDiscard': { input: EkmCommitInputSchema, output: none },
  'backup.status': { input: none, output: BackupStatusSchema },
  /** Writes under the station's backups/ folder as a job; the wizard reads the result from status. */
  'backup.create': { input: BackupCreateInputSchema, output: z.strictObject({ jobId: z.string() }) },
  'backup.open': { input: BackupOpenInputSchema, output: BackupSessionSchema },
  'backup.giveShare': { input: BackupGiveShareInputSchema, output: BackupShareGivenSchema },
  'backup.verify': { input: BackupUnlockInputSchema, output: BackupVerdictSchema },
  'backup.preview': { input: BackupUnlockInputSchema, output: RestorePreviewSchema },
  'backup.restore': { input: BackupRestoreInputSchema, output: RestoreResultSchema },
  'backup.close': { input: BackupSessionIdInputSchema, output: z.strictObject({}) },
  'backup.toServer': { input: BackupToServerInputSchema, output: z.strictObject({ jobId: z.string() }) },
  'tokens.modules': { input: none, output: z.array(TokenModuleViewSchema) },
  'tokens.list': { input: none, output: z.array(StationTokenViewSchema) },
  'tokens.add': { input: TokenAddInputSchema, output: StationTokenViewSchema },
  'tokens.show': { input: TokenNameInputSchema, output: TokenContentsViewSchema },
  'tokens.login': { input: TokenLoginInputSchema, output: StationTokenViewSchema },
  'tokens.logout': { input: TokenNameInputSchema, output: StationTokenViewSchema },
  'tokens.adopt': { input: TokenNameInputSchema, output: TokenAdoptResultSchema },
  'tokens.createKek': { input: TokenCreateKekInputSchema, output: EntryViewSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const pushes = {
  'jobs.changed': JobViewSchema,
  'servers.healthChanged': HealthReportSchema,
  'usb.drivesChanged': z.strictObject({
    type: z.enum(['inserted', 'removed']),
    label: z.string(),
    mountPoint: z.string(),
  }),
  'usb.progress': UsbProgressSchema,
  'usb.keySetChanged': z.strictObject({ keySetId: z.string() }),
  'vault.changed': VaultStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type CallName = keyof typeof calls;
export type PushName = keyof typeof pushes;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof calls)[N]['output']>;
export type PushPayload<N extends PushName> = z.output<(typeof pushes)[N]>;

export const callNames = Object.keys(calls) as CallName[];
export const pushNames = Object.keys(pushes) as PushName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
