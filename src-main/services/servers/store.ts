import type { ServerRole } from '../../contract';
import type { StationDatabase } from '../station';

/** A registered key server as stored. */
export interface ServerRow {
  id: string;
  name: string;
  name_key: string;
  address: string;
  kmip_port: number;
  ipp_tcp_port: number;
  ipp_tls_port: number;
  role: ServerRole;
  trust_label: string | null;
  identity_label: string | null;
  verify_hostname: number;
  kmip_version: string | null;
  test_key_id: string | null;
  created_at: string;
  updated_at: string;
}

/** What the station last saw of a key server, as stored for the Dashboard. */
export interface HealthRow {
  server_id: string;
  state: string;
  last_success: string | null;
  last_failure: string | null;
  last_failure_code: string | null;
  last_failure_reason: string | null;
  latency_ms: number | null;
  checked_at: string;
}

/** Every statement of the key-server registry and its health, on the station database's API. */
export class ServerStore {
  constructor(private readonly db: StationDatabase) {}

  /** Primaries first, then by name. */
  all(): ServerRow[] {
    return this.db.prepare("SELECT * FROM key_servers ORDER BY role = 'secondary', name_key").all() as ServerRow[];
  }

  byNameKey(nameKey: string): ServerRow | undefined {
    return this.db.prepare('SELECT * FROM key_servers WHERE name_key = ?').get(nameKey) as ServerRow | undefined;
  }

  insert(row: ServerRow): void {
    this.db
      .prepare(
        'INSERT INTO key_servers (id, name, name_key, address, kmip_port, ipp_tcp_port, ipp_tls_port, role, trust_label, identity_label, verify_hostname, kmip_version, test_key_id, created_at, updated_at) VALUES (@id, @name, @name_key, @address, @kmip_port, @ipp_tcp_port, @ipp_tls_port, @role, @trust_label, @identity_label, @verify_hostname, @kmip_version, @test_key_id, @created_at, @updated_at)',
      )
      .run(row);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM key_servers WHERE id = ?').run(id);
  }

  /** The fields that change after a server is added: its bindings and what was learnt of it. */
  update(row: ServerRow): void {
    this.db
      .prepare(
        'UPDATE key_servers SET trust_label=@trust_label, identity_label=@identity_label, verify_hostname=@verify_hostname, kmip_version=@kmip_version, test_key_id=@test_key_id, updated_at=@updated_at WHERE id=@id',
      )
      .run(row);
  }

  health(serverId: string): HealthRow | undefined {
    return this.db.prepare('SELECT * FROM server_health WHERE server_id = ?').get(serverId) as HealthRow | undefined;
  }

  saveHealth(row: HealthRow): void {
    this.db
      .prepare(
        `INSERT INTO server_health (server_id, state, last_success, last_failure, last_failure_code, last_failure_reason, latency_ms, checked_at)
         VALUES (@server_id, @state, @last_success, @last_failure, @last_failure_code, @last_failure_reason, @latency_ms, @checked_at)
         ON CONFLICT (server_id) DO UPDATE SET state=excluded.state, last_success=excluded.last_success, last_failure=excluded.last_failure,
           last_failure_code=excluded.last_failure_code, last_failure_reason=excluded.last_failure_reason, latency_ms=excluded.latency_ms, checked_at=excluded.checked_at`,
      )
      .run(row);
  }

  /** Runs work as one transaction. */
  transaction(work: () => void): void {
    this.db.transaction(work)();
  }
}
