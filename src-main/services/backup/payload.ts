import { z } from 'zod';
import { BackupCode, fail } from '../../contract';
import { ArchivedEntrySchema, ArchivedServerSchema } from './header';

/** What an entry carries inside the encrypted payload besides its secret: public parts and notes. */
export const EntryRecordSchema = z.strictObject({
  kind: z.literal('entry'),
  entry: ArchivedEntrySchema,
  origin: z.string().max(256),
  notes: z.string().max(4000),
  createdAt: z.string().max(64),
  /** The entry's certificate then its chain, DER base64. */
  certificates: z.array(z.string()).max(16),
  csrPem: z.string().max(16_384).nullable(),
});
export type EntryRecord = z.infer<typeof EntryRecordSchema>;

export const ServerRecordSchema = z.strictObject({
  kind: z.literal('server'),
  server: ArchivedServerSchema,
  ippTcpPort: z.number().int(),
  ippTlsPort: z.number().int(),
  trustLabel: z.string().max(256).nullable(),
  identityLabel: z.string().max(256).nullable(),
  verifyHostname: z.boolean(),
});
export type ServerRecord = z.infer<typeof ServerRecordSchema>;

const RecordSchema = z.discriminatedUnion('kind', [EntryRecordSchema, ServerRecordSchema]);
export type ArchiveRecord = z.infer<typeof RecordSchema>;

/** A record and its secret (empty when it has none). The secret is a Buffer so it can be wiped. */
export interface PayloadItem {
  record: ArchiveRecord;
  secret: Buffer;
}

/** Records as [u32 length][JSON][u32 length][secret bytes]: secrets never pass through a JS string. */
export function encodePayload(items: readonly PayloadItem[]): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  for (const item of items) {
    const meta = Buffer.from(JSON.stringify(item.record), 'utf8');
    const lengths = Buffer.alloc(8);
    lengths.writeUInt32BE(meta.length, 0);
    lengths.writeUInt32BE(item.secret.length, 4);
    parts.push(lengths.subarray(0, 4), meta, lengths.subarray(4), item.secret);
    total += 8 + meta.length + item.secret.length;
  }
  const out = Buffer.alloc(total);
  let offset = 0;
  for (const p of parts) offset += p.copy(out, offset);
  return out;
}

/** Secrets come back as copies: wipe `payload` and every item's secret after use. */
export function decodePayload(payload: Buffer, name: string): PayloadItem[] {
  const items: PayloadItem[] = [];
  let offset = 0;
  const damaged = (): never =>
    fail(BackupCode.Corrupt, `${name} is damaged: its contents do not read as Custos backup records.`);
  while (offset < payload.length) {
    if (offset + 4 > payload.length) damaged();
    const metaLength = payload.readUInt32BE(offset);
    if (offset + 4 + metaLength + 4 > payload.length) damaged();
    let json: unknown;
    try {
      json = JSON.parse(payload.subarray(offset + 4, offset + 4 + metaLength).toString('utf8'));
    } catch {
      damaged();
    }
    const record = RecordSchema.safeParse(json);
    if (!record.success) damaged();
    offset += 4 + metaLength;
    const secretLength = payload.readUInt32BE(offset);
    if (offset + 4 + secretLength > payload.length) damaged();
    const secret = Buffer.from(payload.subarray(offset + 4, offset + 4 + secretLength));
    offset += 4 + secretLength;
    if (record.success) items.push({ record: record.data, secret });
  }
  return items;
}
