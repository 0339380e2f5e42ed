import type {
  CreateGroupInput,
  EkmPreview,
  EkmResult,
  GroupHoldings,
  GroupSummary,
  GroupView,
  JobView,
  KeyUsage,
  SyncReport,
} from '../../contract';
import type { AuditLog } from '../audit';
import type { JobBoard } from '../jobs';
import type { Keystore, KeystoreImport } from '../keystore';
import type { KeyServerPair } from '../servers';
import type { StationDatabase } from '../station';
import { EkmMigration } from './ekm/migration';
import type { EkmRequest } from './ekm/migration';
import { DeviceGroups } from './groups';
import type { Progress } from './groups';
import { groupHoldings, syncGroup } from './sync';

export interface DeviceServiceDeps {
  db: StationDatabase;
  keystore: Keystore;
  imports: KeystoreImport;
  audit: AuditLog;
  /** The station's key servers (the house's pair); only its interface is used. */
  pair: KeyServerPair;
  jobs: JobBoard;
}

/** Device groups, device requests, the cartridge inventory of keys, and the EKM migration: the service's public face. */
export class DeviceService {
  private readonly groups: DeviceGroups;
  private readonly ekm: EkmMigration;

  constructor(private readonly deps: DeviceServiceDeps) {
    this.groups = new DeviceGroups(deps.db, deps.keystore, deps.audit);
    this.ekm = new EkmMigration(deps.db, deps.keystore, deps.imports, this.groups, deps.audit);
  }

  list(): GroupSummary[] {
    return this.groups.list();
  }

  show(name: string): GroupView {
    return this.groups.show(name);
  }

  create(input: CreateGroupInput, progress?: Progress): Promise<GroupView> {
    return this.groups.create(input, progress);
  }

  /** Creation (and, when asked, the first sync) as a job with progress, for the wizard. */
  startCreate(input: CreateGroupInput, sync: boolean): { jobId: string; done: Promise<JobView> } {
    const { id, done } = this.deps.jobs.start({
      kind: 'devices.create',
      title: `Create device group ${input.name}`,
      cancellable: false,
      run: async (ctx) => {
        const group = await this.groups.create(input, (f, phase) => ctx.progress(sync ? f / 2 : f, phase));
        if (!sync) return `Created ${group.name} with ${group.keys.length} keys.`;
        const report = await this.sync(group.name, (f, phase) => ctx.progress(0.5 + f / 2, phase));
        return `Created ${group.name}: ${report.registered.length} keys registered on ${report.server}${report.failed.length ? `, ${report.failed.length} failed` : ''}${report.conflicts.length ? `, ${report.conflicts.length} conflicts` : ''}.`;
      },
    });
    return { jobId: id, done };
  }

  delete(name: string, confirm: string): void {
    this.groups.delete(name, confirm);
  }

  addDevice(name: string, device: { serial: string; wwn?: string; description?: string }): GroupView {
    return this.groups.addDevice(name, device);
  }

  approve(name: string, serial: string): GroupView {
    return this.groups.approve(name, serial);
  }

  reject(name: string, serial: string): GroupView {
    return this.groups.reject(name, serial);
  }

  pendingCount(): number {
    return this.groups.pendingCount();
  }

  sync(name: string, progress?: Progress): Promise<SyncReport> {
    const group = this.groups.find(name);
    return syncGroup(
      this.deps.pair,
      this.deps.keystore,
      this.deps.audit,
      { name: group.name, keys: this.groups.keysOf(name) },
      progress,
    );
  }

  holdings(name: string): Promise<GroupHoldings> {
    const group = this.groups.find(name);
    return groupHoldings(this.deps.pair, { name: group.name, keys: this.groups.keysOf(name) });
  }

  usage(label: string): KeyUsage {
    return this.groups.usage(label);
  }

  cartridgesUsing(label: string): number {
    return this.groups.cartridgesUsing(label);
  }

  /** Registered with the keystore as its destroy check (no import cycle: the keystore only holds the function). */
  checkDestroy(label: string, options: { cartridgesRewritten?: boolean }): void {
    this.groups.checkDestroy(label, options);
  }

  ekmPreview(request: EkmRequest): Promise<EkmPreview> {
    return this.ekm.preview(request);
  }

  ekmCommit(previewId: string): EkmResult {
    return this.ekm.commit(previewId);
  }

  ekmDiscard(previewId: string): void {
    this.ekm.discard(previewId);
  }
}
