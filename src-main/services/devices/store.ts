import type { DeviceFamily, DevicePolicy, DeviceState, GroupKeyRole, KekEncoding } from '../../contract';
import type { StationDatabase, StationStatement } from '../station';

export interface GroupRow {
  id: string;
  name: string;
  name_key: string;
  family: DeviceFamily;
  policy: DevicePolicy;
  description: string;
  key_prefix: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupKeyRow {
  group_id: string;
  label_key: string;
  label: string;
  role: GroupKeyRole;
  encoding: KekEncoding | null;
  position: number;
}

export interface DeviceRow {
  id: string;
  group_id: string;
  serial: string;
  serial_key: string;
  wwn: string;
  description: string;
  state: DeviceState;
  source: 'manual' | 'metadata';
  first_seen: string;
  decided_at: string | null;
}

export interface UsageEventRow {
  group_id: string | null;
  volser: string;
  drive_serial: string;
  drive_wwn: string;
  alias1_key: string;
  alias2_key: string;
  at: string | null;
}

export interface UsageCountRow {
  label_key: string;
  cartridges: number;
  events: number;
  last_used: string | null;
}

/** The devices service's SQL, and nothing else. Callers own the transactions. */
export class DeviceStore {
  private readonly statements = new Map<string, StationStatement>();

  constructor(private readonly db: StationDatabase) {}

  /** Statements used per event are prepared once. */
  private cached(sql: string): StationStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  groups(): GroupRow[] {
    return this.db.prepare('SELECT * FROM device_groups ORDER BY name_key').all() as GroupRow[];
  }

  groupByName(nameKey: string): GroupRow | undefined {
    return this.db.prepare('SELECT * FROM device_groups WHERE name_key = ?').get(nameKey) as GroupRow | undefined;
  }

  insertGroup(row: GroupRow): void {
    this.db
      .prepare(
        'INSERT INTO device_groups (id, name, name_key, family, policy, description, key_prefix, created_at, updated_at) VALUES (@id, @name, @name_key, @family, @policy, @description, @key_prefix, @created_at, @updated_at)',
      )
      .run(row);
  }

  deleteGroup(id: string): void {
    this.db.prepare('DELETE FROM device_groups WHERE id = ?').run(id);
  }

  keysOf(groupId: string): GroupKeyRow[] {
    return this.db
      .prepare('SELECT * FROM device_group_keys WHERE group_id = ? ORDER BY position')
      .all(groupId) as GroupKeyRow[];
  }

  insertKey(row: GroupKeyRow): void {
    this.db
      .prepare(
        'INSERT INTO device_group_keys (group_id, label_key, label, role, encoding, position) VALUES (@group_id, @label_key, @label, @role, @encoding, @position)',
      )
      .run(row);
  }

  devicesOf(groupId: string): DeviceRow[] {
    return this.db
      .prepare('SELECT * FROM devices WHERE group_id = ? ORDER BY first_seen, serial_key')
      .all(groupId) as DeviceRow[];
  }

  device(groupId: string, serialKey: string): DeviceRow | undefined {
    return this.cached('SELECT * FROM devices WHERE group_id = ? AND serial_key = ?').get(groupId, serialKey) as
      DeviceRow | undefined;
  }

  insertDevice(row: DeviceRow): void {
    this.cached(
      'INSERT INTO devices (id, group_id, serial, serial_key, wwn, description, state, source, first_seen, decided_at) VALUES (@id, @group_id, @serial, @serial_key, @wwn, @description, @state, @source, @first_seen, @decided_at)',
    ).run(row);
  }

  decideDevice(id: string, state: DeviceState, decidedAt: string): void {
    this.db.prepare('UPDATE devices SET state = ?, decided_at = ? WHERE id = ?').run(state, decidedAt, id);
  }

  countDevices(groupId: string): { total: number; pending: number } {
    const row = this.db
      .prepare(
        "SELECT COUNT(*) AS total, COALESCE(SUM(state = 'pending'), 0) AS pending FROM devices WHERE group_id = ?",
      )
      .get(groupId) as { total: number; pending: number };
    return row;
  }

  countPending(): number {
    return this.db.prepare("SELECT COUNT(*) FROM devices WHERE state = 'pending'").pluck().get() as number;
  }

  /** Takes `count` numbers from a prefix's sequence, starting no lower than `floor`. */
  takeNumbers(prefixKey: string, count: number, floor: number): number {
    const current = this.db
      .prepare('SELECT next_number FROM device_label_sequences WHERE prefix_key = ?')
      .pluck()
      .get(prefixKey) as number | undefined;
    const first = Math.max(current ?? 1, floor);
    this.db
      .prepare(
        'INSERT INTO device_label_sequences (prefix_key, next_number) VALUES (?, ?) ON CONFLICT (prefix_key) DO UPDATE SET next_number = excluded.next_number',
      )
      .run(prefixKey, first + count);
    return first;
  }

  nextNumber(prefixKey: string): number {
    return (
      (this.db.prepare('SELECT next_number FROM device_label_sequences WHERE prefix_key = ?').pluck().get(prefixKey) as
        number | undefined) ?? 1
    );
  }

  insertEvent(row: UsageEventRow): void {
    this.cached(
      'INSERT INTO key_usage_events (group_id, volser, drive_serial, drive_wwn, alias1_key, alias2_key, at) VALUES (@group_id, @volser, @drive_serial, @drive_wwn, @alias1_key, @alias2_key, @at)',
    ).run(row);
  }

  noteCartridge(labelKey: string, volser: string): void {
    this.cached('INSERT OR IGNORE INTO key_cartridges (label_key, volser) VALUES (?, ?)').run(labelKey, volser);
  }

  noteDrive(labelKey: string, serial: string, wwn: string): void {
    this.cached('INSERT OR IGNORE INTO key_drives (label_key, drive_serial, drive_wwn) VALUES (?, ?, ?)').run(
      labelKey,
      serial,
      wwn,
    );
  }

  /** Recounts a label's cartridges after an import and adds its new events. */
  refreshCount(labelKey: string, newEvents: number, lastUsed: string | null): void {
    const cartridges = this.db
      .prepare('SELECT COUNT(*) FROM key_cartridges WHERE label_key = ?')
      .pluck()
      .get(labelKey) as number;
    this.db
      .prepare(
        `INSERT INTO key_usage_counts (label_key, cartridges, events, last_used) VALUES (@label_key, @cartridges, @events, @last_used)
         ON CONFLICT (label_key) DO UPDATE SET cartridges = excluded.cartridges, events = events + excluded.events,
           last_used = CASE WHEN last_used IS NULL OR excluded.last_used > last_used THEN excluded.last_used ELSE last_used END`,
      )
      .run({ label_key: labelKey, cartridges, events: newEvents, last_used: lastUsed });
  }

  usageCount(labelKey: string): UsageCountRow | undefined {
    return this.cached('SELECT * FROM key_usage_counts WHERE label_key = ?').get(labelKey) as UsageCountRow | undefined;
  }

  volsers(labelKey: string): string[] {
    return this.db
      .prepare('SELECT volser FROM key_cartridges WHERE label_key = ? ORDER BY volser')
      .pluck()
      .all(labelKey) as string[];
  }

  drives(labelKey: string): { serial: string; wwn: string }[] {
    return this.db
      .prepare(
        'SELECT drive_serial AS serial, drive_wwn AS wwn FROM key_drives WHERE label_key = ? ORDER BY drive_serial',
      )
      .all(labelKey) as { serial: string; wwn: string }[];
  }
}
