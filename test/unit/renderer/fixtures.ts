import type {
  EntryView,
  JobView,
  KeyServerView,
  UsbDriveView,
  UsbKeySetView,
  VaultStatus,
} from '../../../src-main/contract';

/** Views as main sends them; the fake main checks each against the contract before the store sees it. */
export function entry(label: string, more: Partial<EntryView> = {}): EntryView {
  return {
    id: `entry-${label}`,
    label,
    type: 'kek',
    state: 'active',
    algorithm: 'RSA',
    keyBits: 3072,
    usage: 'wrap',
    notes: '',
    origin: 'generated',
    store: 'vault',
    hasSecret: true,
    kcv: null,
    certificate: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...more,
  };
}

export function job(id: string, more: Partial<JobView> = {}): JobView {
  return {
    id,
    kind: 'usb.create',
    title: 'Write the key to 3 drives',
    state: 'running',
    progress: null,
    phase: 'writing',
    cancellable: true,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: null,
    outcome: null,
    errorCode: null,
    ...more,
  };
}

export function vault(state: VaultStatus['state'], more: Partial<VaultStatus> = {}): VaultStatus {
  return { state, autoLockMinutes: 15, remembered: false, keychainUnavailable: null, ...more };
}

export function keyServer(name: string, more: Partial<KeyServerView> = {}): KeyServerView {
  return {
    id: `server-${name}`,
    name,
    address: 'kms1.example.com',
    kmipPort: 5696,
    ippTcpPort: 3801,
    ippTlsPort: 1441,
    role: 'primary',
    trustLabel: `${name} CA`,
    identityLabel: 'station client',
    verifyHostname: true,
    kmipVersion: '1.4',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...more,
  };
}

export function drive(id: string, more: Partial<UsbDriveView> = {}): UsbDriveView {
  return {
    id,
    device: `/dev/${id}`,
    mountPoint: `/media/${id}`,
    label: id.toUpperCase(),
    volumeId: `vol-${id}`,
    filesystem: 'vfat',
    sizeBytes: 1 << 30,
    freeBytes: 1 << 29,
    removable: true,
    readOnly: false,
    system: false,
    reachable: true,
    status: 'ok',
    blocked: false,
    reason: '',
    keys: [],
    ...more,
  };
}

export function keySet(name: string, more: Partial<UsbKeySetView> = {}): UsbKeySetView {
  return {
    id: `set-${name}`,
    name,
    serial: '78-12345',
    state: 'active',
    generation: 1,
    generationCreatedAt: '2026-01-01T00:00:00.000Z',
    kcv: 'A1B2C3',
    pendingGeneration: null,
    pendingKcv: null,
    minCopies: 3,
    targetCopies: 4,
    escrow: false,
    currentCopies: 4,
    pendingCopies: 0,
    staleCopies: 0,
    canCommit: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    erasedAt: null,
    ...more,
  };
}
