import { randomBytes } from 'node:crypto';
import { BackupCode, fail } from '../../contract';
import type { BackupInspection } from '../../contract';
import { checkShareAgainstSet, decodeShare } from './shares';
import type { GivenShare } from './shares';

const SESSION_MINUTES = 30;
const MAX_SESSIONS = 8;

interface OpenArchive {
  bytes: Buffer;
  name: string;
  inspection: BackupInspection;
  /** Share texts given one custodian at a time; checked as they arrive. */
  shares: { text: string; where: string; index: number }[];
  at: number;
}

/**
 * Archives opened from the UI for verify or restore: main keeps the bytes and the shares given
 * so far, the renderer only an id. Sessions expire, and closing one forgets its shares.
 */
export class ArchiveSessions {
  private readonly open = new Map<string, OpenArchive>();

  begin(bytes: Buffer, name: string, inspection: BackupInspection): string {
    this.expire();
    if (this.open.size >= MAX_SESSIONS) {
      const oldest = [...this.open.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (oldest) this.open.delete(oldest[0]);
    }
    const id = `bk-${randomBytes(12).toString('hex')}`;
    this.open.set(id, { bytes, name, inspection, shares: [], at: Date.now() });
    return id;
  }

  get(id: string): OpenArchive {
    this.expire();
    const session = this.open.get(id);
    if (!session)
      fail(BackupCode.NotArchive, 'That archive is no longer open (it was closed or left idle); open it again.');
    session.at = Date.now();
    return session;
  }

  /** Checks one share against the archive's set and the shares already given; names what is wrong. */
  give(id: string, text: string): { given: number; needed: number; index: number; holder: string } {
    const session = this.get(id);
    const set = session.inspection.shares;
    if (!set)
      fail(BackupCode.ProtectorAbsent, `${session.name} has no custodian shares; it opens with its backup passphrase.`);
    const where = `share ${session.shares.length + 1} given`;
    const decoded = decodeShare(text, where);
    try {
      const already: GivenShare[] = session.shares.map((s) => ({
        share: { setId: set.setId, index: s.index, threshold: set.threshold, count: set.count, share: Buffer.alloc(0) },
        where: s.where,
      }));
      checkShareAgainstSet({ share: decoded, where }, set, already);
      const holder = set.holders[decoded.index - 1] ?? `custodian ${decoded.index}`;
      session.shares.push({
        text,
        where: `${holder}'s share (${decoded.index} of ${set.count})`,
        index: decoded.index,
      });
      return { given: session.shares.length, needed: set.threshold, index: decoded.index, holder };
    } finally {
      decoded.share.fill(0);
    }
  }

  close(id: string): void {
    this.open.delete(id);
  }

  private expire(): void {
    const cutoff = Date.now() - SESSION_MINUTES * 60_000;
    for (const [id, s] of this.open) if (s.at < cutoff) this.open.delete(id);
  }
}
