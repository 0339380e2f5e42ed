import { UploadIdSchema } from './files';
import { z } from 'zod';
import { DeviceCode } from './errors/devices';
import { EntryStateSchema, EntryTypeSchema } from './keystore';

/** Device families as SKLM names them (`deviceFamily`); GENERIC is plain KMIP. */
export const DEVICE_FAMILIES = ['3592', 'LTO', 'DS5000', 'DS8000', 'GPFS', 'PEER_TO_PEER', 'GENERIC'] as const;
export const DeviceFamilySchema = z.enum(DEVICE_FAMILIES);
export type DeviceFamily = z.infer<typeof DeviceFamilySchema>;

/** What each family means, in the sentence the creation wizard shows. */
export const FAMILY_SENTENCES: Record<DeviceFamily, string> = {
  '3592': 'IBM 3592 tape drives (TS1120 and later): two RSA KEKs wrap each cartridge data key, one per site.',
  LTO: 'LTO tape drives and libraries: many AES keys served to many drives.',
  DS5000: 'Self-encrypting disk systems (DS5000, XIV, ETERNUS): AES keys tied to one device.',
  DS8000: 'IBM DS8000 disk systems: KEKs or certificates that grant the system access.',
  GPFS: 'Spectrum Scale / Spectrum Virtualize: many devices reach many keys through their certificates.',
  PEER_TO_PEER: 'Two devices that share many AES keys (a replicating pair).',
  GENERIC: 'Any KMIP client: AES keys registered for plain KMIP use.',
};

/** The families whose keys are AES keys made in sequence from a prefix. */
export const AES_FAMILIES: readonly DeviceFamily[] = ['LTO', 'DS5000', 'PEER_TO_PEER', 'GENERIC'];

/** SKLM refuses these as group names (family names, and the TLS groups of older and newer releases). */
export const RESERVED_GROUP_NAMES: readonly string[] = [
  ...DEVICE_FAMILIES,
  'DS8K',
  'TLSSERVER',
  'TLSCLIENT',
  'SSLSERVER',
  'SSLCLIENT',
];

export const MAX_GROUP_NAME = 16;
export const MAX_GROUP_KEYS = 10_000;

/**
 * The first SKLM naming rule a group name breaks, or null. Shared by main (which raises the code)
 * and the wizard (which shows the sentence as the custodian types). Uniqueness is main's to check.
 */
export function groupNameProblem(
  name: string,
): { code: (typeof DeviceCode)[keyof typeof DeviceCode]; sentence: string } | null {
  if (name.length === 0) return { code: DeviceCode.GroupNameEmpty, sentence: 'A device group needs a name.' };
  if (RESERVED_GROUP_NAMES.includes(name.toUpperCase()))
    return {
      code: DeviceCode.GroupNameReserved,
      sentence: `"${name}" is reserved by the key server (a family or TLS group name); choose another.`,
    };
  if (name.length > MAX_GROUP_NAME)
    return {
      code: DeviceCode.GroupNameTooLong,
      sentence: `"${name}" has ${name.length} characters; a device group name has at most ${MAX_GROUP_NAME}.`,
    };
  if (name === '_') return { code: DeviceCode.GroupNameStart, sentence: 'A lone "_" is not a group name.' };
  if (!/^[A-Za-z]/.test(name))
    return { code: DeviceCode.GroupNameStart, sentence: `"${name}" must start with a letter.` };
  if (!/^[A-Za-z0-9_]+$/.test(name))
    return {
      code: DeviceCode.GroupNameCharacters,
      sentence: `"${name}" may hold only letters, digits and "_" (no spaces, no dashes).`,
    };
  return null;
}

export const GroupNameSchema = z.string().superRefine((name, ctx) => {
  const problem = groupNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.sentence });
});

/** SKLM's `device.AutoPendingAutoDiscovery`: 0 manual, 1 auto, 2 pending. */
export const DevicePolicySchema = z.enum(['manual', 'auto', 'pending']);
export type DevicePolicy = z.infer<typeof DevicePolicySchema>;
export const POLICY_SENTENCES: Record<DevicePolicy, string> = {
  manual: 'Only devices added by hand are served; device requests are listed as unknown.',
  auto: 'Every device request is accepted (back up keys served this way).',
  pending: 'New device requests wait in the approval queue.',
};

export const DeviceStateSchema = z.enum(['accepted', 'pending', 'rejected', 'unknown']);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const KekEncodingSchema = z.enum(['L', 'H']);
export type KekEncoding = z.infer<typeof KekEncodingSchema>;

const Label = z.string().min(1).max(256);
const GroupNameInput = z.string().max(64);

export const KekChoiceSchema = z.strictObject({ label: Label, encoding: KekEncodingSchema.default('L') });
export type KekChoice = z.input<typeof KekChoiceSchema>;

/** Family and policy stay text here: main answers an unknown one with its own code. */
export const CreateGroupInputSchema = z.strictObject({
  name: GroupNameInput,
  family: z.string().max(32),
  policy: z.string().max(16).optional(),
  description: z.string().max(512).optional(),
  keks: z.array(KekChoiceSchema).max(16).optional(),
  keys: z.number().int().optional(),
  keyPrefix: z.string().max(48).optional(),
  bits: z.number().int().optional(),
  certificates: z.array(Label).max(64).optional(),
});
export type CreateGroupInput = z.input<typeof CreateGroupInputSchema>;

export const GroupKeyRoleSchema = z.enum(['alias1', 'alias2', 'key', 'kek', 'certificate']);
export type GroupKeyRole = z.infer<typeof GroupKeyRoleSchema>;

export const GroupKeyViewSchema = z.strictObject({
  label: z.string(),
  role: GroupKeyRoleSchema,
  encoding: KekEncodingSchema.nullable(),
  type: EntryTypeSchema.nullable(),
  state: EntryStateSchema.nullable(),
  kcv: z.string().nullable(),
  cartridges: z.number().int(),
});
export type GroupKeyView = z.infer<typeof GroupKeyViewSchema>;

export const DeviceViewSchema = z.strictObject({
  serial: z.string(),
  wwn: z.string(),
  description: z.string(),
  state: DeviceStateSchema,
  source: z.enum(['manual', 'metadata']),
  firstSeen: z.string(),
  decidedAt: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceViewSchema>;

export const GroupSummarySchema = z.strictObject({
  name: z.string(),
  family: DeviceFamilySchema,
  policy: DevicePolicySchema,
  description: z.string(),
  keyCount: z.number().int(),
  deviceCount: z.number().int(),
  pendingCount: z.number().int(),
  createdAt: z.string(),
});
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

export const GroupViewSchema = z.strictObject({
  name: z.string(),
  family: DeviceFamilySchema,
  policy: DevicePolicySchema,
  description: z.string(),
  keyPrefix: z.string().nullable(),
  /** Labels, in the group's order (alias1, alias2, then keys in sequence). */
  keys: z.array(z.string()),
  keyDetails: z.array(GroupKeyViewSchema),
  certificates: z.array(z.string()),
  devices: z.array(DeviceViewSchema),
  createdAt: z.string(),
});
export type GroupView = z.infer<typeof GroupViewSchema>;

export const GroupRefSchema = z.strictObject({ name: GroupNameInput });
export const DeleteGroupInputSchema = z.strictObject({ name: GroupNameInput, confirm: z.string().max(64) });
export const AddDeviceInputSchema = z.strictObject({
  name: GroupNameInput,
  serial: z.string().max(64),
  wwn: z.string().max(64).optional(),
  description: z.string().max(256).optional(),
});
export const DeviceDecisionInputSchema = z.strictObject({ name: GroupNameInput, serial: z.string().max(64) });

/** What one key server holds of a group (Locate by Object Group). */
export const ServerHoldingSchema = z.strictObject({
  server: z.string(),
  role: z.enum(['primary', 'secondary']),
  reachable: z.boolean(),
  problem: z.string().nullable(),
  holds: z.array(z.string()),
  missing: z.array(z.string()),
  /** Objects in the group whose name is none of the group's labels. */
  others: z.number().int(),
});
export type ServerHolding = z.infer<typeof ServerHoldingSchema>;
export const GroupHoldingsSchema = z.strictObject({ name: z.string(), servers: z.array(ServerHoldingSchema) });
export type GroupHoldings = z.infer<typeof GroupHoldingsSchema>;

export const SyncReportSchema = z.strictObject({
  name: z.string(),
  server: z.string(),
  registered: z.array(z.string()),
  alreadyThere: z.array(z.string()),
  /** A server object with the key's name but other material: reported, never overwritten. */
  conflicts: z.array(z.strictObject({ label: z.string(), detail: z.string() })),
  failed: z.array(z.strictObject({ label: z.string(), code: z.string(), detail: z.string() })),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

export const KeyUsageSchema = z.strictObject({
  label: z.string(),
  cartridges: z.number().int(),
  events: z.number().int(),
  lastUsed: z.string().nullable(),
  volsers: z.array(z.string()),
  drives: z.array(z.strictObject({ serial: z.string(), wwn: z.string() })),
});
export type KeyUsage = z.infer<typeof KeyUsageSchema>;
export const UsedBySchema = z.strictObject({ label: z.string(), cartridges: z.number().int() });

/** The files arrive as uploads (contract/files.ts): the configuration, the keystore and the metadata. */
export const EkmPreviewInputSchema = z.strictObject({
  name: GroupNameInput,
  config: UploadIdSchema,
  keystore: UploadIdSchema.optional(),
  storePassword: z.string().max(1024).optional(),
  metadata: UploadIdSchema.optional(),
  /** The custodian's choice over the file's drive.acceptUnknownDrives (e.g. hold new drives pending). */
  policy: DevicePolicySchema.optional(),
});

export const EkmPreviewSchema = z.strictObject({
  previewId: z.string(),
  name: z.string(),
  family: DeviceFamilySchema,
  policy: DevicePolicySchema,
  keks: z.array(
    z.strictObject({
      label: z.string(),
      role: z.enum(['alias1', 'alias2']),
      source: z.enum(['keystore file', 'station']),
    }),
  ),
  keystoreEntries: z.number().int(),
  devices: z.array(z.strictObject({ serial: z.string(), wwn: z.string(), state: DeviceStateSchema })),
  events: z.number().int(),
  ports: z.strictObject({ tcp: z.number().int().nullable(), ssl: z.number().int().nullable() }),
  keystoreType: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type EkmPreview = z.infer<typeof EkmPreviewSchema>;
export const EkmCommitInputSchema = z.strictObject({ previewId: z.string().max(64) });
export const EkmResultSchema = z.strictObject({
  group: GroupViewSchema,
  imported: z.array(z.string()),
  events: z.number().int(),
  warnings: z.array(z.string()),
});
export type EkmResult = z.infer<typeof EkmResultSchema>;

export const GroupJobInputSchema = z.strictObject({
  group: CreateGroupInputSchema,
  /** Register the new group's keys on the key servers right after. */
  sync: z.boolean(),
});
