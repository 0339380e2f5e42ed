import { randomBytes, randomUUID } from 'node:crypto';
import { AES_FAMILIES, DeviceCode, fail, isCustosError, KeystoreCode } from '../../contract';
import type {
  CreateGroupInput,
  DeviceState,
  DeviceView,
  EntryView,
  GroupKeyRole,
  GroupSummary,
  GroupView,
  KekEncoding,
  KeyUsage,
} from '../../contract';
import type { AuditLog } from '../audit';
import { labelKey } from '../keystore';
import type { Keystore } from '../keystore';
import type { StationDatabase } from '../station';
import {
  checkBits,
  checkEncoding,
  checkFamily,
  checkGroupName,
  checkKeyCount,
  checkKeyPrefix,
  checkPolicy,
  checkSerial,
  checkWwn,
  groupKey,
  sequenceLabel,
  serialKey,
} from './rules';
import { DeviceStore } from './store';
import type { DeviceRow, GroupKeyRow, GroupRow } from './store';

export type Progress = (fraction: number, phase: string) => void;

interface PlannedKey {
  label: string;
  role: GroupKeyRole;
  encoding: KekEncoding | null;
  /** A KEK to make now (RSA, self-signed), or an AES key of this many bits; null: it exists. */
  make: 'kek' | 128 | 256 | null;
}

/**
 * Device groups as SKLM keeps them: a family, an acceptance policy, keys and certificates, and
 * the devices that may use them. Keys are made here and kept in the station vault (so they are
 * in the station's backups); the key servers get copies through sync.
 */
export class DeviceGroups {
  readonly store: DeviceStore;

  constructor(
    private readonly db: StationDatabase,
    private readonly keystore: Keystore,
    private readonly audit: AuditLog,
  ) {
    this.store = new DeviceStore(db);
  }

  list(): GroupSummary[] {
    return this.store.groups().map((g) => {
      const counts = this.store.countDevices(g.id);
      return {
        name: g.name,
        family: g.family,
        policy: g.policy,
        description: g.description,
        keyCount: this.store.keysOf(g.id).length,
        deviceCount: counts.total,
        pendingCount: counts.pending,
        createdAt: g.created_at,
      };
    });
  }

  show(name: string): GroupView {
    return this.view(this.find(name));
  }

  pendingCount(): number {
    return this.store.countPending();
  }

  /** Validates everything first, makes the keys, then records group and keys in one transaction. */
  async create(input: CreateGroupInput, progress: Progress = () => undefined): Promise<GroupView> {
    const name = this.freeName(input.name);
    const family = checkFamily(input.family);
    const policy = checkPolicy(input.policy);
    const bits = checkBits(input.bits);
    this.keystore.list(); // the vault must be open before anything is planned
    const keks = input.keks ?? [];
    const certificates = input.certificates ?? [];
    const aes = AES_FAMILIES.includes(family);
    if (input.keys !== undefined) checkKeyCount(input.keys);
    if (input.keys !== undefined && !aes)
      fail(
        DeviceCode.KeysNotForFamily,
        `${family} groups do not take sequential AES keys; give ${family === '3592' ? 'two KEKs (--kek)' : 'KEKs (--kek) or certificates (--cert)'}.`,
      );
    if (keks.length > 0 && aes)
      fail(DeviceCode.KeysNotForFamily, `${family} groups hold AES keys (--keys N), not KEKs.`);
    if (certificates.length > 0 && family !== 'DS8000' && family !== 'GPFS')
      fail(
        DeviceCode.CertificateNotForFamily,
        `Only DS8000 and GPFS groups grant access by certificate, not ${family}.`,
      );
    const prefix = checkKeyPrefix(input.keyPrefix ?? `${name}_`);

    const plan: PlannedKey[] = [];
    if (family === '3592') {
      const chosen =
        keks.length === 0
          ? [
              { label: `${name}_ALIAS1`, encoding: 'L' as const },
              { label: `${name}_ALIAS2`, encoding: 'H' as const },
            ]
          : keks;
      if (chosen.length !== 2)
        fail(
          DeviceCode.KekCount,
          `A 3592 group needs exactly two KEKs (alias1 and alias2, one per site), not ${chosen.length}.`,
        );
      const [one, two] = chosen;
      if (one && two && labelKey(one.label) === labelKey(two.label))
        fail(
          DeviceCode.KekTwice,
          `"${one.label}" is given twice; alias1 and alias2 must be two different KEKs so either site can read a cartridge.`,
        );
      chosen.forEach((k, i) =>
        plan.push(this.planKek(k.label, checkEncoding(k.encoding), i === 0 ? 'alias1' : 'alias2')),
      );
    } else if (!aes) {
      const seen = new Set<string>();
      for (const k of keks) {
        if (seen.has(labelKey(k.label))) fail(DeviceCode.KekTwice, `"${k.label}" is given twice.`);
        seen.add(labelKey(k.label));
        plan.push(this.planKek(k.label, checkEncoding(k.encoding), 'kek'));
      }
    }
    for (const label of certificates) plan.push(this.planCertificate(label));
    if (aes && input.keys !== undefined) plan.push(...this.planSequence(prefix, input.keys, bits));

    // Keys are made before the transaction (RSA generation is slow); AES keys are added inside it.
    const total = plan.length || 1;
    let done = 0;
    const sealed: { label: string; secret: Buffer }[] = [];
    try {
      for (const key of plan) {
        if (key.make === 'kek') {
          progress(done / total, `Making KEK ${key.label}`);
          await this.keystore.createKek({ label: key.label });
        } else if (key.make !== null) {
          sealed.push({ label: key.label, secret: randomBytes(key.make / 8) });
        }
        done++;
      }
      progress(0.9, `Recording group ${name}`);
      const now = new Date().toISOString();
      const row: GroupRow = {
        id: randomUUID(),
        name,
        name_key: groupKey(name),
        family,
        policy,
        description: input.description?.trim() ?? '',
        key_prefix: aes ? prefix : null,
        created_at: now,
        updated_at: now,
      };
      this.db.transaction(() => {
        if (this.store.groupByName(row.name_key)) this.nameTaken(name);
        this.store.insertGroup(row);
        if (aes && input.keys !== undefined) {
          const first = this.firstFreeNumber(prefix, input.keys);
          this.store.takeNumbers(labelKey(prefix), input.keys, first);
        }
        for (const k of sealed)
          this.keystore.add(
            {
              label: k.label,
              type: 'secret-key',
              origin: `generated for device group ${name}`,
              secret: k.secret,
              algorithm: 'AES',
              keyBits: k.secret.length * 8,
            },
            'keystore.create-key',
            `AES-${k.secret.length * 8} for device group ${name}`,
          );
        plan.forEach((k, position) =>
          this.store.insertKey({
            group_id: row.id,
            label_key: labelKey(k.label),
            label: k.label,
            role: k.role,
            encoding: k.encoding,
            position,
          }),
        );
        this.audit.append({
          action: 'group.create',
          object: name,
          outcome: 'ok',
          detail: `${family}, policy ${policy}, ${plan.length} keys and certificates`,
        });
      })();
      progress(1, `Created ${name}`);
      return this.view(row);
    } finally {
      for (const k of sealed) k.secret.fill(0);
    }
  }

  delete(name: string, confirm: string): void {
    const group = this.find(name);
    if (confirm.trim() !== group.name)
      fail(
        DeviceCode.GroupDeleteNotConfirmed,
        `To delete the device group ${group.name}, type its name exactly as confirmation; nothing was deleted.`,
      );
    const keys = this.store.keysOf(group.id).filter((k) => this.entry(k.label)?.state !== 'destroyed');
    const devices = this.store.devicesOf(group.id);
    if (keys.length > 0 || devices.length > 0)
      fail(
        DeviceCode.GroupNotEmpty,
        `${group.name} still holds ${keys.length} keys and ${devices.length} devices; a device group can be deleted only when it holds neither.`,
      );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM device_group_keys WHERE group_id = ?').run(group.id);
      this.db.prepare('UPDATE key_usage_events SET group_id = NULL WHERE group_id = ?').run(group.id);
      this.store.deleteGroup(group.id);
      this.audit.append({ action: 'group.delete', object: group.name, outcome: 'ok', detail: group.family });
    })();
  }

  /** A device the custodian adds by hand is accepted: that is the decision. */
  addDevice(name: string, device: { serial: string; wwn?: string; description?: string }): GroupView {
    const group = this.find(name);
    const serial = checkSerial(device.serial);
    const wwn = checkWwn(device.wwn);
    const existing = this.store.device(group.id, serialKey(serial));
    if (existing)
      fail(
        DeviceCode.DeviceExists,
        existing.state === 'accepted'
          ? `${group.name} already holds device ${existing.serial}.`
          : `Device ${existing.serial} is already in ${group.name} as ${existing.state}; approve it instead.`,
      );
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.store.insertDevice({
        id: randomUUID(),
        group_id: group.id,
        serial,
        serial_key: serialKey(serial),
        wwn,
        description: device.description?.trim() ?? '',
        state: 'accepted',
        source: 'manual',
        first_seen: now,
        decided_at: now,
      });
      this.audit.append({
        action: 'group.add-device',
        object: group.name,
        outcome: 'ok',
        detail: `${serial}${wwn ? ` WWN ${wwn}` : ''}`,
      });
    })();
    return this.view(group);
  }

  approve(name: string, serial: string): GroupView {
    return this.decide(name, serial, 'accepted');
  }

  reject(name: string, serial: string): GroupView {
    return this.decide(name, serial, 'rejected');
  }

  /**
   * A device seen asking for keys (key-usage metadata, a key server's request): accepted under
   * `auto`, queued under `pending`, listed as unknown under `manual`. Call inside a transaction.
   */
  requestDevice(group: GroupRow, serial: string, wwn: string, at: string): DeviceRow | null {
    const key = serialKey(serial);
    if (this.store.device(group.id, key)) return null;
    const state: DeviceState =
      group.policy === 'auto' ? 'accepted' : group.policy === 'pending' ? 'pending' : 'unknown';
    const row: DeviceRow = {
      id: randomUUID(),
      group_id: group.id,
      serial,
      serial_key: key,
      wwn,
      description: '',
      state,
      source: 'metadata',
      first_seen: at,
      decided_at: state === 'accepted' ? at : null,
    };
    this.store.insertDevice(row);
    this.audit.append({
      action: 'group.device-request',
      object: group.name,
      outcome: 'ok',
      detail: `${serial}: ${state}${state === 'accepted' ? ' (policy auto)' : ''}`,
    });
    return row;
  }

  /** The cartridge inventory of one key label (key-usage events). */
  usage(label: string): KeyUsage {
    const key = labelKey(label);
    const count = this.store.usageCount(key);
    return {
      label: this.entry(label)?.label ?? label.trim(),
      cartridges: count?.cartridges ?? 0,
      events: count?.events ?? 0,
      lastUsed: count?.last_used ?? null,
      volsers: this.store.volsers(key),
      drives: this.store.drives(key),
    };
  }

  /** "Used by N cartridges": one primary-key lookup. */
  cartridgesUsing(label: string): number {
    return this.store.usageCount(labelKey(label))?.cartridges ?? 0;
  }

  /**
   * The keystore's destroy check: a KEK that cartridges still need is kept (seed 001: old KEKs
   * stay until every cartridge is rewritten), unless the custodian states they were rewritten.
   */
  checkDestroy(label: string, options: { cartridgesRewritten?: boolean }): void {
    const cartridges = this.cartridgesUsing(label);
    if (cartridges === 0) return;
    if (!options.cartridgesRewritten)
      fail(
        DeviceCode.KeyUsedByCartridges,
        `"${label}" is still used by ${cartridges} cartridge${cartridges === 1 ? '' : 's'} (key-usage metadata); without it they cannot be read. Rewrite them under another KEK, then destroy it stating that they were rewritten.`,
      );
    this.audit.append({
      action: 'keystore.destroy-override',
      object: label,
      outcome: 'ok',
      detail: `custodian states ${cartridges} cartridges were rewritten`,
    });
  }

  find(name: string): GroupRow {
    const row = this.store.groupByName(groupKey(name.trim()));
    if (!row) fail(DeviceCode.GroupUnknown, `This station has no device group named "${name}".`);
    return row;
  }

  /** A name that follows SKLM's rules and no group uses yet (whatever the case). */
  freeName(raw: string): string {
    const name = checkGroupName(raw);
    if (this.store.groupByName(groupKey(name))) this.nameTaken(name);
    return name;
  }

  view(group: GroupRow): GroupView {
    const keys = this.store.keysOf(group.id);
    const entries = this.entriesByKey();
    return {
      name: group.name,
      family: group.family,
      policy: group.policy,
      description: group.description,
      keyPrefix: group.key_prefix,
      keys: keys.filter((k) => k.role !== 'certificate').map((k) => k.label),
      keyDetails: keys.map((k) =>
        keyView(k, entries.get(k.label_key), this.store.usageCount(k.label_key)?.cartridges ?? 0),
      ),
      certificates: keys.filter((k) => k.role === 'certificate').map((k) => k.label),
      devices: this.store.devicesOf(group.id).map(deviceView),
      createdAt: group.created_at,
    };
  }

  keysOf(name: string): GroupKeyRow[] {
    return this.store.keysOf(this.find(name).id);
  }

  private decide(name: string, rawSerial: string, state: 'accepted' | 'rejected'): GroupView {
    const group = this.find(name);
    const device = this.store.device(group.id, serialKey(rawSerial.trim()));
    if (!device)
      fail(
        DeviceCode.DeviceUnknown,
        `${group.name} has no device with serial number "${rawSerial}"; nothing was decided.`,
      );
    const waiting =
      state === 'accepted' ? device.state !== 'accepted' : device.state === 'pending' || device.state === 'unknown';
    if (!waiting)
      fail(
        DeviceCode.DeviceNotWaiting,
        `Device ${device.serial} in ${group.name} is ${device.state}; there is nothing to ${state === 'accepted' ? 'approve' : 'reject'}.`,
      );
    this.db.transaction(() => {
      this.store.decideDevice(device.id, state, new Date().toISOString());
      this.audit.append({
        action: state === 'accepted' ? 'group.approve' : 'group.reject',
        object: group.name,
        outcome: 'ok',
        detail: `${device.serial}: ${device.state} -> ${state}`,
      });
    })();
    return this.view(group);
  }

  private planKek(label: string, encoding: KekEncoding, role: GroupKeyRole): PlannedKey {
    const existing = this.entry(label);
    if (!existing) {
      if (label.trim().length > 64 || label.trim() === '')
        fail(KeystoreCode.LabelTooLong, `The KEK label "${label}" must hold 1 to 64 characters.`);
      return { label: label.trim(), role, encoding, make: 'kek' };
    }
    if (existing.type !== 'kek' && existing.type !== 'public-kek')
      fail(
        DeviceCode.KekNotKek,
        `"${existing.label}" is a ${existing.type}, not a KEK (an RSA key pair or a partner's KEK certificate).`,
      );
    if (existing.state === 'destroyed' || existing.state === 'compromised')
      fail(DeviceCode.KekNotKek, `"${existing.label}" is ${existing.state}; a group cannot use it.`);
    return { label: existing.label, role, encoding, make: null };
  }

  private planCertificate(label: string): PlannedKey {
    const existing = this.entry(label);
    if (!existing?.certificate)
      fail(DeviceCode.CertificateUnknown, `This station holds no certificate labelled "${label}"; import it first.`);
    return { label: existing.label, role: 'certificate', encoding: null, make: null };
  }

  private planSequence(prefix: string, count: number, bits: 128 | 256): PlannedKey[] {
    const first = this.firstFreeNumber(prefix, count);
    return Array.from({ length: count }, (_, i) => ({
      label: sequenceLabel(prefix, first + i),
      role: 'key' as const,
      encoding: null,
      make: bits,
    }));
  }

  /** The sequence's next number, moved past labels someone already used by hand. */
  private firstFreeNumber(prefix: string, count: number): number {
    let first = this.store.nextNumber(labelKey(prefix));
    for (let n = first; n < first + count; n++) {
      if (this.keystore.isLabelTaken(sequenceLabel(prefix, n))) first = n + 1;
    }
    return first;
  }

  private nameTaken(name: string): never {
    fail(
      DeviceCode.GroupNameTaken,
      `A device group named "${name}" already exists (names are unique regardless of case).`,
    );
  }

  private entry(label: string): EntryView | undefined {
    try {
      return this.keystore.show(label);
    } catch (e) {
      if (isCustosError(e) && e.code === KeystoreCode.EntryUnknown) return undefined;
      throw e;
    }
  }

  private entriesByKey(): Map<string, EntryView> {
    try {
      return new Map(this.keystore.list().map((e) => [labelKey(e.label), e]));
    } catch {
      return new Map(); // a locked vault: the group shows its labels without key states
    }
  }
}

function keyView(k: GroupKeyRow, entry: EntryView | undefined, cartridges: number) {
  return {
    label: k.label,
    role: k.role,
    encoding: k.encoding,
    type: entry?.type ?? null,
    state: entry?.state ?? null,
    kcv: entry?.kcv ?? null,
    cartridges,
  };
}

function deviceView(d: DeviceRow): DeviceView {
  return {
    serial: d.serial,
    wwn: d.wwn,
    description: d.description,
    state: d.state,
    source: d.source,
    firstSeen: d.first_seen,
    decidedAt: d.decided_at,
  };
}
