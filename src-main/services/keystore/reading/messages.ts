import type { KeystoreFormat } from '../formats';

/** What the reading thread is asked: one file (or one shard of a JCEKS) under its passwords. */
export interface ReadRequest {
  bytes: Uint8Array;
  format?: KeystoreFormat;
  storePassword?: string;
  keyPasswords?: Record<string, string>;
  shard?: { index: number; count: number };
}

/** An entry as it crosses threads: byte fields as Uint8Array, secret ones in their own transferred ArrayBuffer. */
export type WireEntry =
  | {
      kind: 'private-key';
      alias: string;
      createdAt?: Date;
      privateKeyPkcs8: Uint8Array;
      certificateChain: Uint8Array[];
    }
  | { kind: 'trusted-certificate'; alias: string; createdAt?: Date; certificate: Uint8Array }
  | { kind: 'secret-key'; alias: string; createdAt?: Date; algorithm: string; key: Uint8Array };

export type ReadReply =
  | { kind: 'progress'; opened: number; expected: number | null }
  | {
      kind: 'done';
      format: KeystoreFormat;
      entries: WireEntry[];
      warnings: string[];
      positions: number[] | null;
    }
  /** code null: not a CustosError; the message then stays in the thread (it could hold anything). */
  | { kind: 'failed'; code: string | null; message: string };
