import type { StationDatabase } from '../station';

interface SettingRow {
  name: string;
  value: string;
}

/** The settings table's SQL, in one place. Callers own the transactions. */
export class SettingsStore {
  constructor(private readonly db: StationDatabase) {}

  /** Every stored setting as name -> JSON text. */
  all(): Map<string, string> {
    const rows = this.db.prepare('SELECT name, value FROM settings').all() as SettingRow[];
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  put(name: string, json: string, now: string): void {
    this.db
      .prepare(
        'INSERT INTO settings (name, value, changed_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at',
      )
      .run(name, json, now);
  }
}
