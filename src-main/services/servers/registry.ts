import { randomUUID } from 'node:crypto';
import { fail, KeystoreCode, ServerCode } from '../../contract';
import type { AddServerInput, KeyServerView } from '../../contract';
import type { AuditLog } from '../audit';
import type { Keystore } from '../keystore';
import type { StationDatabase } from '../station';
import { ServerStore, type ServerRow } from './store';
import { normalizeAddress } from './address';
import { fingerprintMatches } from './retrieve';

/** The key servers this station talks to (primary and secondary), in the station database. */
export class KeyServerRegistry {
  private readonly store: ServerStore;

  constructor(
    db: StationDatabase,
    private readonly keystore: Keystore,
    private readonly audit: AuditLog,
  ) {
    this.store = new ServerStore(db);
  }

  /** Primaries first, then by name. */
  list(): KeyServerView[] {
    return this.store.all().map(toView);
  }

  show(name: string): KeyServerView {
    return toView(this.find(name));
  }

  add(input: AddServerInput): KeyServerView {
    const name = serverName(input.name);
    const address = normalizeAddress(input.address);
    if (input.identityLabel) this.requireEntry(input.identityLabel, 'client-identity');
    if (input.trustLabel) this.requireEntry(input.trustLabel, 'trusted-certificate');
    const now = new Date().toISOString();
    const row: ServerRow = {
      id: randomUUID(),
      name,
      name_key: name.toLowerCase(),
      address,
      kmip_port: input.kmipPort ?? 5696,
      ipp_tcp_port: input.ippTcpPort ?? 3801,
      ipp_tls_port: input.ippTlsPort ?? 1441,
      role: input.role ?? 'primary',
      trust_label: input.trustLabel ? this.keystore.show(input.trustLabel).label : null,
      identity_label: input.identityLabel ? this.keystore.show(input.identityLabel).label : null,
      verify_hostname: input.verifyHostname === false ? 0 : 1,
      kmip_version: null,
      test_key_id: null,
      created_at: now,
      updated_at: now,
    };
    this.store.transaction(() => {
      if (this.store.byNameKey(row.name_key)) {
        fail(ServerCode.NameTaken, `A key server named "${name}" is already configured.`);
      }
      this.store.insert(row);
      this.audit.append({
        action: 'server.add',
        object: name,
        outcome: 'ok',
        detail: `${row.role} ${address}:${row.kmip_port}`,
      });
    });
    return toView(row);
  }

  /**
   * Removes a server from this station (nothing changes on the server). The custodian types its
   * name again as confirmation, as for every step that cannot be undone.
   */
  remove(name: string, confirm: string): void {
    const row = this.find(name);
    if (confirm.trim().toLowerCase() !== row.name_key)
      fail(
        ServerCode.RemoveNotConfirmed,
        `To remove "${row.name}", type its name as confirmation; nothing was removed.`,
      );
    this.store.transaction(() => {
      this.store.delete(row.id);
      this.audit.append({ action: 'server.remove', object: row.name, outcome: 'ok' });
    });
  }

  setIdentity(name: string, identityLabel: string): KeyServerView {
    const row = this.find(name);
    const label = this.requireEntry(identityLabel, 'client-identity');
    return this.update(row, { identity_label: label }, 'server.set-identity', label);
  }

  /**
   * The explicit trust decision: the certificate whose SHA-256 the custodian compared out of
   * band becomes a trusted certificate in the keystore, bound to this server.
   */
  trust(name: string, certificateDer: Buffer, sha256: string, alias?: string): KeyServerView {
    const row = this.find(name);
    if (!fingerprintMatches(certificateDer, sha256)) {
      fail(
        ServerCode.FingerprintMismatch,
        `The certificate of "${row.name}" does not have the SHA-256 fingerprint you gave; nothing was trusted. Compare it again with the key server's administrator.`,
      );
    }
    const label = alias?.trim() || `${row.name} server certificate`;
    const hex = (fp: string) => fp.replace(/[^0-9a-f]/gi, '').toUpperCase();
    let entry;
    if (this.keystore.isLabelTaken(label)) {
      // Trusting the same certificate again under its alias is fine; another one under that alias is not.
      entry = this.keystore.show(label);
      if (hex(entry.certificate?.sha256 ?? '') !== hex(sha256))
        fail(KeystoreCode.LabelTaken, `The label "${label}" holds another certificate; choose another alias.`);
    } else {
      entry = this.keystore.add(
        { label, type: 'trusted-certificate', origin: `trusted for ${row.name}`, certificateDer },
        'server.trust',
        row.name,
      );
    }
    return this.update(row, { trust_label: entry.label }, 'server.set-trust', entry.label);
  }

  /** The wizard re-run on an existing server: new trust and identity bindings (both already in the keystore). */
  rebind(
    name: string,
    bindings: { trustLabel?: string; identityLabel?: string; verifyHostname?: boolean },
  ): KeyServerView {
    const row = this.find(name);
    const trust = bindings.trustLabel ? this.requireEntry(bindings.trustLabel, 'trusted-certificate') : row.trust_label;
    const identity = bindings.identityLabel
      ? this.requireEntry(bindings.identityLabel, 'client-identity')
      : row.identity_label;
    const verify = bindings.verifyHostname === undefined ? row.verify_hostname : bindings.verifyHostname ? 1 : 0;
    const next = {
      ...row,
      trust_label: trust,
      identity_label: identity,
      verify_hostname: verify,
      updated_at: new Date().toISOString(),
    };
    this.store.transaction(() => {
      this.store.update(next);
      this.audit.append({
        action: 'server.rebind',
        object: row.name,
        outcome: 'ok',
        detail: `trust ${trust ?? '-'}, identity ${identity ?? '-'}${verify ? '' : ', host name not verified'}`,
      });
    });
    return toView(next);
  }

  pinVersion(name: string, version: string): KeyServerView {
    return this.update(this.find(name), { kmip_version: version }, 'server.pin-version', version);
  }

  private update(row: ServerRow, fields: Partial<ServerRow>, action: string, detail: string): KeyServerView {
    const next = { ...row, ...fields, updated_at: new Date().toISOString() };
    this.store.transaction(() => {
      this.store.update(next);
      this.audit.append({ action, object: row.name, outcome: 'ok', detail });
    });
    return toView(next);
  }

  private requireEntry(label: string, type: 'client-identity' | 'trusted-certificate'): string {
    const entry = this.keystore.show(label);
    if (entry.type !== type) fail(KeystoreCode.EntryWrongType, `"${entry.label}" is a ${entry.type}, not a ${type}.`);
    return entry.label;
  }

  private find(name: string): ServerRow {
    const row = this.store.byNameKey(name.trim().toLowerCase());
    if (!row) fail(ServerCode.Unknown, `No key server named "${name}" is configured on this station.`);
    return row;
  }
}

function serverName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 64 || /\p{Cc}/u.test(name))
    fail(ServerCode.NameInvalid, 'A key server name is 1 to 64 characters, without control characters.');
  return name;
}

function toView(r: ServerRow): KeyServerView {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    kmipPort: r.kmip_port,
    ippTcpPort: r.ipp_tcp_port,
    ippTlsPort: r.ipp_tls_port,
    role: r.role,
    trustLabel: r.trust_label,
    identityLabel: r.identity_label,
    verifyHostname: r.verify_hostname === 1,
    kmipVersion: r.kmip_version,
    createdAt: r.created_at,
  };
}
