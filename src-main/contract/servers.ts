import { z } from 'zod';
import { CertificateViewSchema } from './keystore';
import { UploadIdSchema } from './files';

export const ServerRoleSchema = z.enum(['primary', 'secondary']);
export type ServerRole = z.infer<typeof ServerRoleSchema>;

const PortSchema = z.number().int().min(1).max(65535);

export const KeyServerViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  kmipPort: z.number().int(),
  ippTcpPort: z.number().int(),
  ippTlsPort: z.number().int(),
  role: ServerRoleSchema,
  /** Keystore label of the certificate this station trusts for the server. */
  trustLabel: z.string().nullable(),
  /** Keystore label of the station's client identity presented to the server. */
  identityLabel: z.string().nullable(),
  verifyHostname: z.boolean(),
  kmipVersion: z.string().nullable(),
  createdAt: z.string(),
});
export type KeyServerView = z.infer<typeof KeyServerViewSchema>;

export const AddServerInputSchema = z.strictObject({
  name: z.string().min(1).max(128),
  address: z.string().min(1).max(255),
  kmipPort: PortSchema.default(5696),
  ippTcpPort: PortSchema.default(3801),
  ippTlsPort: PortSchema.default(1441),
  role: ServerRoleSchema.default('primary'),
  identityLabel: z.string().max(256).optional(),
  trustLabel: z.string().max(256).optional(),
  verifyHostname: z.boolean().default(true),
});
export type AddServerInput = z.input<typeof AddServerInputSchema>;

export const RetrievedCertificateSchema = z.strictObject({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256: z.string(),
  sha1: z.string(),
  san: z.array(z.string()),
  keyType: z.string(),
  keyBits: z.number().int(),
  selfSigned: z.boolean(),
});
export type RetrievedCertificate = z.infer<typeof RetrievedCertificateSchema>;

export const RetrievedChainSchema = z.strictObject({
  host: z.string(),
  port: z.number().int(),
  chain: z.array(RetrievedCertificateSchema),
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  /** The handshake may fail after the server showed its certificates (it wants a client certificate first). */
  handshake: z.string(),
  warnings: z.array(z.string()),
});
export type RetrievedChain = z.infer<typeof RetrievedChainSchema>;

export const StandingWarningSchema = z.strictObject({
  severity: z.enum(['critical', 'warning', 'info']),
  code: z.string(),
  sentence: z.string(),
});
export type StandingWarning = z.infer<typeof StandingWarningSchema>;

export const TestStepSchema = z.strictObject({
  step: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  /** What to do next when the step failed. */
  advice: z.string().nullable(),
  code: z.string().nullable(),
});
export type TestStep = z.infer<typeof TestStepSchema>;

export const ServerHealthSchema = z.strictObject({
  serverId: z.string(),
  name: z.string(),
  role: ServerRoleSchema,
  state: z.enum(['ok', 'degraded', 'unreachable', 'unknown']),
  lastSuccess: z.string().nullable(),
  lastFailure: z.string().nullable(),
  lastFailureReason: z.string().nullable(),
  latencyMs: z.number().nullable(),
  serverCertificateExpires: z.string().nullable(),
  stationCertificateExpires: z.string().nullable(),
});
export type ServerHealth = z.infer<typeof ServerHealthSchema>;

export const HealthReportSchema = z.strictObject({
  servers: z.array(ServerHealthSchema),
  events: z.array(StandingWarningSchema),
  /** "Test key retrieval" runs on every server this often; 0 is off. */
  checkEveryMinutes: z.number().int().min(0),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;

export const IdentityViewSchema = z.strictObject({
  label: z.string(),
  certificate: CertificateViewSchema.nullable(),
  /** A CSR waiting for its CA-signed certificate. */
  csrPem: z.string().nullable(),
});

// --- Channel inputs ---------------------------------------------------------------------

export const ServerNameSchema = z.strictObject({ name: z.string().min(1).max(128) });

/** A server configuration as the wizard holds it before saving, for testing it first. */
export const ServerDraftSchema = z.strictObject({
  name: z.string().max(128).default('new key server'),
  address: z.string().min(1).max(255),
  kmipPort: PortSchema.default(5696),
  ippTcpPort: PortSchema.default(3801),
  ippTlsPort: PortSchema.default(1441),
  role: ServerRoleSchema.default('primary'),
  trustLabel: z.string().max(256).optional(),
  identityLabel: z.string().max(256).optional(),
  verifyHostname: z.boolean().default(true),
});
export type ServerDraft = z.input<typeof ServerDraftSchema>;

export const FetchChainInputSchema = z.strictObject({ host: z.string().min(1).max(255), port: PortSchema });

export const TrustRetrievedInputSchema = z.strictObject({
  fetchId: z.string().max(64),
  /** Which certificate of the chain: 0 the server's own, higher its CAs. */
  index: z.number().int().min(0).max(16),
  /** The SHA-256 the custodian compared out of band, typed or confirmed. */
  sha256: z.string().max(128),
  alias: z.string().min(1).max(256),
});

export const TrustUploadInputSchema = z.strictObject({
  /** The certificate file, sent with files.begin/chunk/finish for 'certificate'. */
  upload: UploadIdSchema,
  sha256: z.string().max(128),
  alias: z.string().min(1).max(256),
});

export const IdentityInputSchema = z.strictObject({
  label: z.string().min(1).max(256),
  commonName: z.string().min(1).max(64),
  subjectAltNames: z.array(z.string().min(1).max(255)).max(20).default([]),
  bits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(3072),
});

export const ImportSignedInputSchema = z.strictObject({
  label: z.string().min(1).max(256),
  /** The signed certificate, sent with files.begin/chunk/finish for 'certificate'. */
  upload: UploadIdSchema,
});

export const TestResultSchema = z.strictObject({
  ok: z.boolean(),
  steps: z.array(TestStepSchema),
  latencyMs: z.number().nullable(),
  kmipVersion: z.string().nullable(),
});

export const ConsoleLocateInputSchema = z.strictObject({
  /** A registered server; null: the pair (primary, then secondary). */
  server: z.string().min(1).max(128).nullable(),
  name: z.string().max(256).optional(),
  group: z.string().max(256).optional(),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  max: z.number().int().min(1).max(1000).default(50),
});

export const ConsoleAttributeSchema = z.strictObject({ name: z.string(), value: z.string() });

/** The KMIP console's target: a registered server by name, or null for the pair (reads fail over, changes go to the primary). */
export const ConsoleServerSchema = z.string().min(1).max(128).nullable();
/** A server's Unique Identifier: UUIDs, numbers and vendor ids (KEY-…, urn:…); never a path. */
export const KmipIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@+=#-]*$/, 'a KMIP unique identifier');
const KmipNameSchema = z.string().trim().min(1).max(256);

export const KMIP_REVOCATION_REASONS = [
  'unspecified',
  'key-compromise',
  'ca-compromise',
  'affiliation-changed',
  'superseded',
  'cessation-of-operation',
  'privilege-withdrawn',
] as const;
export const KmipRevocationReasonSchema = z.enum(KMIP_REVOCATION_REASONS);
export type KmipRevocationReason = z.infer<typeof KmipRevocationReasonSchema>;

/** Which registered server answered, as every console result names it. */
const AnsweredBySchema = z.strictObject({ server: z.string(), role: z.enum(['primary', 'secondary']) });

export const ConsoleReadInputSchema = z.strictObject({ server: ConsoleServerSchema });
export const ConsoleObjectInputSchema = z.strictObject({ server: ConsoleServerSchema, id: KmipIdSchema });

export const ConsoleDiscoverSchema = AnsweredBySchema.extend({
  versions: z.array(z.string()),
  chosen: z.string().nullable(),
});

/** A Get as the console shows it: metadata, key check value and fingerprint, never key bytes. */
export const ConsoleObjectSchema = AnsweredBySchema.extend({
  uniqueIdentifier: z.string(),
  objectType: z.string(),
  summary: z.array(ConsoleAttributeSchema),
  attributes: z.array(ConsoleAttributeSchema),
});

/**
 * Changes carry `confirm`: what the custodian typed in the confirmation dialog. Main checks it
 * too: the name for create and register, the object's id (or its Name) for the others.
 */
export const ConsoleCreateInputSchema = z.strictObject({
  name: KmipNameSchema,
  group: z.string().trim().min(1).max(256).optional(),
  bits: z.union([z.literal(128), z.literal(192), z.literal(256)]).default(256),
  confirm: z.string().max(256),
});
export const ConsoleRegisterInputSchema = z.strictObject({
  /** A certificate held in this station's keystore (trusted certificate or identity). */
  label: z.string().min(1).max(64),
  name: KmipNameSchema,
  group: z.string().trim().min(1).max(256).optional(),
  confirm: z.string().max(256),
});
export const ConsoleChangeInputSchema = z.strictObject({ id: KmipIdSchema, confirm: z.string().max(256) });
export const ConsoleRevokeInputSchema = ConsoleChangeInputSchema.extend({ reason: KmipRevocationReasonSchema });

export const ConsoleChangedSchema = AnsweredBySchema.extend({ uniqueIdentifier: z.string(), state: z.string() });
