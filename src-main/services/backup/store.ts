import type { StationDatabase } from '../station';

export interface ArchiveRow {
  id: string;
  path: string;
  created_at: string;
  entry_count: number;
  protectors: string;
  share_set_id: string | null;
  size_bytes: number;
  verified_at: string | null;
}

export interface CustodyRow {
  set_id: string;
  share_index: number;
  share_count: number;
  threshold: number;
  archive_id: string;
  holder: string;
  place: string;
  volume_id: string;
  /** The USB drive's label when the share went to its own drive ('' for a folder). */
  drive_label: string;
  written_at: string;
}

export interface ServerCopyRow {
  entry_id: string;
  server: string;
  label: string;
  unique_identifiers: string;
  copied_at: string;
  compared_at: string;
}

/** The backup tables: every SQL statement of the backup service is here. */
export class BackupStore {
  constructor(private readonly db: StationDatabase) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  addArchive(row: ArchiveRow, entries: readonly { id: string; label: string }[]): void {
    this.db
      .prepare(
        'INSERT INTO backup_archives (id, path, created_at, entry_count, protectors, share_set_id, size_bytes, verified_at) VALUES (@id, @path, @created_at, @entry_count, @protectors, @share_set_id, @size_bytes, @verified_at)',
      )
      .run(row);
    const insert = this.db.prepare('INSERT INTO backup_archive_entries (archive_id, entry_id, label) VALUES (?, ?, ?)');
    for (const e of entries) insert.run(row.id, e.id, e.label);
  }

  markVerified(id: string, at: string): void {
    this.db.prepare('UPDATE backup_archives SET verified_at = ? WHERE id = ?').run(at, id);
  }

  archives(limit = 200): ArchiveRow[] {
    return this.db.prepare('SELECT * FROM backup_archives ORDER BY created_at DESC LIMIT ?').all(limit) as ArchiveRow[];
  }

  addCustody(row: CustodyRow): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO backup_share_custody (set_id, share_index, share_count, threshold, archive_id, holder, place, volume_id, drive_label, written_at) VALUES (@set_id, @share_index, @share_count, @threshold, @archive_id, @holder, @place, @volume_id, @drive_label, @written_at)',
      )
      .run(row);
  }

  custody(archiveId: string): CustodyRow[] {
    return this.db
      .prepare('SELECT * FROM backup_share_custody WHERE archive_id = ? ORDER BY share_index')
      .all(archiveId) as CustodyRow[];
  }

  /** Per entry id: when it was last put in an archive. */
  lastArchived(): Map<string, string> {
    const rows = this.db
      .prepare(
        'SELECT e.entry_id AS entry_id, MAX(a.created_at) AS at FROM backup_archive_entries e JOIN backup_archives a ON a.id = e.archive_id GROUP BY e.entry_id',
      )
      .all() as { entry_id: string; at: string }[];
    return new Map(rows.map((r) => [r.entry_id, r.at]));
  }

  recordServerCopy(row: ServerCopyRow): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO backup_server_copies (entry_id, server, label, unique_identifiers, copied_at, compared_at) VALUES (@entry_id, @server, @label, @unique_identifiers, @copied_at, @compared_at)',
      )
      .run(row);
  }

  /** Per entry id: the last copy to a backup key server. */
  lastServerCopies(): Map<string, { server: string; at: string }> {
    const rows = this.db
      .prepare('SELECT entry_id, server, compared_at FROM backup_server_copies ORDER BY compared_at')
      .all() as { entry_id: string; server: string; compared_at: string }[];
    return new Map(rows.map((r) => [r.entry_id, { server: r.server, at: r.compared_at }]));
  }
}
