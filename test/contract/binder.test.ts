import { describe, expect, it, vi } from 'vitest';
import { buildApi, callNames, pushNames, CustosError, JobCode } from '../../src-main/contract';
import type { CallName } from '../../src-main/contract';
import { createBinder } from '../../src-main/ipc/register';
import type { Handlers } from '../../src-main/ipc/register';

const job = {
  id: 'job-abc',
  kind: 'k',
  title: 't',
  state: 'running',
  progress: null,
  phase: 'p',
  cancellable: true,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
  outcome: null,
  errorCode: null,
} as const;
const vaultStatus = { state: 'unlocked', autoLockMinutes: 15, remembered: false, keychainUnavailable: null } as const;
const server = {
  id: 's1',
  name: 'SKLM 1',
  address: '127.0.0.1',
  kmipPort: 5696,
  ippTcpPort: 3801,
  ippTlsPort: 1441,
  role: 'primary',
  trustLabel: null,
  identityLabel: null,
  verifyHostname: true,
  kmipVersion: null,
  createdAt: 't',
} as const;
const health = { servers: [], events: [], checkEveryMinutes: 0 };
const stationSettings = { theme: 'dark', kmipMessageLog: true, serverTestMinutes: 15 } as const;
const deviceGroup = {
  name: 'LTO_LIB1',
  family: 'LTO',
  policy: 'pending',
  description: '',
  keyPrefix: 'LTO_LIB1_',
  keys: ['LTO_LIB1_000001'],
  keyDetails: [
    {
      label: 'LTO_LIB1_000001',
      role: 'key',
      encoding: null,
      type: 'secret-key',
      state: 'active',
      kcv: 'ABCDEF',
      cartridges: 0,
    },
  ],
  certificates: [],
  devices: [
    {
      serial: '000007888422',
      wwn: '',
      description: '',
      state: 'pending',
      source: 'metadata',
      firstSeen: 't',
      decidedAt: null,
    },
  ],
  createdAt: 't',
} as const;
const backupInspection = {
  fileName: 'a.cbk',
  formatVersion: 1,
  createdAt: 't',
  station: 'h',
  custosVersion: '0.1.0',
  entries: [],
  servers: [],
  includesIdentities: false,
  passphrase: null,
  shares: { setId: '0123456789ABCDEF', threshold: 2, count: 3, holders: ['Ann', 'Bo', 'Cy'] },
  sizeBytes: 100,
};
const usbKeySet = {
  id: 'k1',
  name: 'TS7770-A',
  serial: '',
  state: 'active',
  generation: 1,
  generationCreatedAt: 't',
  kcv: 'ABCDEF',
  pendingGeneration: null,
  pendingKcv: null,
  minCopies: 3,
  targetCopies: 4,
  escrow: false,
  currentCopies: 4,
  pendingCopies: 0,
  staleCopies: 0,
  canCommit: false,
  createdAt: 't',
  updatedAt: 't',
  erasedAt: null,
};
const usbCopy = {
  id: 'c1',
  keySetId: 'k1',
  keySetName: 'TS7770-A',
  generation: 1,
  kcv: 'ABCDEF',
  fileName: 'custos_TS7770-A_1.key',
  driveLabel: 'KEYS1',
  volumeId: 'v',
  mountSeen: '/m',
  keptAt: 'safe 2',
  custodian: 'ann',
  state: 'committed',
  writtenAt: 't',
  lastVerifiedAt: null,
  updatedAt: 't',
  inserted: null,
};
const testResult = {
  ok: true,
  steps: [{ step: 'TCP reach', ok: true, detail: 'd', advice: null, code: null }],
  latencyMs: 3,
  kmipVersion: '1.2',
};
const entry = {
  id: 'e1',
  label: 'K',
  type: 'secret-key',
  state: 'active',
  algorithm: 'AES',
  keyBits: 256,
  usage: 'symmetric key',
  notes: '',
  origin: 'generated',
  store: 'vault',
  hasSecret: true,
  kcv: 'ABCDEF',
  certificate: null,
  createdAt: 't',
  updatedAt: 't',
} as const;

const stationToken = {
  name: 'HSM',
  modulePath: '/usr/lib/softhsm/libsofthsm2.so',
  tokenLabel: 'Custos A',
  serial: '17db42e07c297133',
  manufacturer: 'SoftHSM project',
  model: 'SoftHSM v2',
  present: true,
  loggedIn: false,
  entries: 0,
  createdAt: 't',
};

/** A valid output per channel: a Record over every CallName, so a new channel cannot skip this test. */
const sampleOutput: Record<CallName, unknown> = {
  'station.snapshot': { version: '0', home: '/h', transport: 'browser-host', vault: 'none', jobs: [] },
  'station.selfTest': { jobId: 'job-abc' },
  'station.lastSelfTest': [],
  'jobs.cancel': job,
  'jobs.dismiss': {},
  'vault.status': vaultStatus,
  'vault.create': vaultStatus,
  'vault.unlock': vaultStatus,
  'vault.lock': vaultStatus,
  'vault.changePassphrase': vaultStatus,
  'vault.setAutoLock': vaultStatus,
  'vault.forget': vaultStatus,
  'vault.remember': vaultStatus,
  'settings.get': stationSettings,
  'settings.set': stationSettings,
  'keystore.list': { entries: [entry], matching: 1, total: 1 },
  'keystore.createKek': entry,
  'keystore.createSecretKey': entry,
  'keystore.setState': entry,
  'keystore.setNotes': entry,
  'keystore.destroy': entry,
  'keystore.importPreview': { previewId: 'p', fileName: 'f.p12', format: 'pkcs12', entries: [], expiresAt: 't' },
  'keystore.importRead': { jobId: 'job-abc' },
  'keystore.importReadResult': { previewId: 'p', fileName: 'f.p12', format: 'pkcs12', entries: [], expiresAt: 't' },
  'keystore.importCommit': { imported: [entry], skipped: [] },
  'keystore.importDiscard': {},
  'keystore.export': { path: '/h/exports/k.p12', format: 'pkcs12', entries: 1, warning: null },
  'eedk.wrap': { path: '/h/exports/x.eedk', kcv: 'ABCDEF' },
  'files.begin': { uploadId: 'upload-0123456789abcdef0123456789abcdef', chunkBytes: 1048576 },
  'files.chunk': { received: 4 },
  'files.finish': { uploadId: 'upload-0123456789abcdef0123456789abcdef', size: 4 },
  'files.discard': {},
  'eedk.unwrap': { kekLabel: 'K', encoding: 'H', kcv: 'ABCDEF' },
  'servers.list': [server],
  'servers.warnings': [{ severity: 'warning', code: 'FEWER_THAN_TWO_SERVERS', sentence: 's' }],
  'servers.add': server,
  'servers.rebind': server,
  'servers.remove': {},
  'servers.fetchChain': {
    host: 'h',
    port: 5696,
    chain: [],
    protocol: null,
    cipher: null,
    handshake: 'completed',
    warnings: [],
    fetchId: 'f',
  },
  'servers.trustRetrieved': entry,
  'servers.trustUpload': entry,
  'servers.testDraft': testResult,
  'servers.test': testResult,
  'servers.testKeyRetrieval': testResult.steps,
  'servers.ipp': testResult.steps,
  'servers.health': health,
  'servers.checkAll': health,
  'servers.setSchedule': health,
  'servers.calendar': { ics: 'BEGIN:VCALENDAR' },
  'identity.createSelfSigned': entry,
  'identity.createCsr': { entry, csrPem: '-----BEGIN CERTIFICATE REQUEST-----' },
  'identity.importSigned': entry,
  'identity.certificatePem': { pem: '', csrPem: null },
  'kmip.query': { operations: [], objectTypes: [], vendor: null, serverInformation: null },
  'kmip.locate': { ids: [] },
  'kmip.attributes': [],
  'kmip.log': { path: '/h/logs/kmip-messages.log', text: '' },
  'kmip.discover': { server: 'SKLM 1', role: 'primary', versions: ['1.4', '1.2'], chosen: '1.4' },
  'kmip.get': {
    server: 'SKLM 1',
    role: 'secondary',
    uniqueIdentifier: '42',
    objectType: 'SymmetricKey',
    summary: [{ name: 'Key check value', value: 'ABC123' }],
    attributes: [{ name: 'Name', value: 'tape key' }],
  },
  'kmip.create': { server: 'SKLM 1', role: 'primary', uniqueIdentifier: '42', state: 'Pre-Active' },
  'kmip.register': { server: 'SKLM 1', role: 'primary', uniqueIdentifier: '43', state: 'Pre-Active' },
  'kmip.activate': { server: 'SKLM 1', role: 'primary', uniqueIdentifier: '42', state: 'Active' },
  'kmip.revoke': { server: 'SKLM 1', role: 'primary', uniqueIdentifier: '42', state: 'Deactivated' },
  'kmip.destroy': { server: 'SKLM 1', role: 'primary', uniqueIdentifier: '42', state: 'Destroyed' },
  'usb.drives': [],
  'usb.driveLister': { lister: 'mount-table', detail: 'Drives are read from the mount table.' },
  'usb.keySets': [],
  'usb.copies': [],
  'usb.create': { jobId: 'job-abc' },
  'usb.rekey': { jobId: 'job-abc' },
  'usb.addCopies': { jobId: 'job-abc' },
  'usb.commit': {
    keySet: usbKeySet,
    generation: 1,
    committed: [],
    lost: [],
    oldFilesErased: [],
    stale: [],
    failures: [],
  },
  'usb.cancel': { keySet: usbKeySet, generation: 1, erased: [], leftBehind: [], failures: [] },
  'usb.validate': { keySet: null, drives: [], currentOnInserted: 0, notInserted: [], lost: [] },
  'usb.erase': { keySet: usbKeySet, erased: [], stillExisting: [], failures: [] },
  'usb.setCustody': usbCopy,
  'usb.markLost': { ...usbCopy, state: 'lost' },
  'audit.list': [],
  'audit.verify': { intact: true, rows: 0, seq: null, sentence: 'ok' },
  'audit.exportCsv': { csv: '' },
  'devices.list': [
    {
      name: 'LTO_LIB1',
      family: 'LTO',
      policy: 'pending',
      description: '',
      keyCount: 2,
      deviceCount: 1,
      pendingCount: 1,
      createdAt: 't',
    },
  ],
  'devices.show': deviceGroup,
  'devices.create': { jobId: 'job-abc' },
  'devices.delete': {},
  'devices.addDevice': deviceGroup,
  'devices.approve': deviceGroup,
  'devices.reject': deviceGroup,
  'devices.sync': {
    name: 'LTO_LIB1',
    server: 'SKLM 1',
    registered: ['LTO_LIB1_000001'],
    alreadyThere: [],
    conflicts: [],
    failed: [],
  },
  'devices.holdings': {
    name: 'LTO_LIB1',
    servers: [
      {
        server: 'SKLM 1',
        role: 'primary',
        reachable: true,
        problem: null,
        holds: ['LTO_LIB1_000001'],
        missing: [],
        others: 0,
      },
    ],
  },
  'devices.usedBy': { label: 'KEK 1', cartridges: 12 },
  'devices.pendingCount': { pending: 1 },
  'devices.ekmPreview': {
    previewId: 'p1',
    name: 'EKM_Z1',
    family: '3592',
    policy: 'auto',
    keks: [{ label: 'KEK 1', role: 'alias1', source: 'keystore file' }],
    keystoreEntries: 2,
    devices: [{ serial: '000007888422', wwn: '500507630240FBCC', state: 'accepted' }],
    events: 1,
    ports: { tcp: 3801, ssl: 1443 },
    keystoreType: 'JCEKS',
    warnings: ['destroy the file'],
  },
  'devices.ekmCommit': { group: deviceGroup, imported: ['KEK 1'], events: 1, warnings: [] },
  'devices.ekmDiscard': {},
  'backup.status': { lastBackup: null, archives: [], keys: [], nowhereElse: [] },
  'backup.create': { jobId: 'job-abc' },
  'backup.open': { sessionId: 'bk-0123456789abcdef01234567', inspection: backupInspection },
  'backup.giveShare': { given: 1, needed: 2, index: 3, holder: 'Ann' },
  'backup.verify': { fileName: 'a.cbk', entries: 0, checked: [] },
  'backup.preview': { fileName: 'a.cbk', entries: [], servers: [] },
  'backup.restore': { restored: [], skipped: [], servers: [] },
  'backup.close': {},
  'backup.toServer': { jobId: 'job-abc' },
  'tokens.modules': [{ path: '/usr/lib/softhsm/libsofthsm2.so', description: 'd', manufacturer: 'm', slots: [] }],
  'tokens.list': [stationToken],
  'tokens.add': stationToken,
  'tokens.show': { token: stationToken, objects: [] },
  'tokens.login': stationToken,
  'tokens.logout': stationToken,
  'tokens.adopt': { adopted: [] },
  'tokens.createKek': entry,
};

/** A handler table whose every entry records that it ran: the proof that bad calls reach no handler. */
function spyHandlers() {
  const ran = vi.fn();
  const handlers = Object.fromEntries(
    callNames.map((name) => [name, () => (ran(name), sampleOutput[name])]),
  ) as unknown as Handlers;
  return { handlers, ran };
}

const validInput: Record<CallName, unknown> = {
  'station.snapshot': {},
  'station.selfTest': {},
  'station.lastSelfTest': {},
  'jobs.cancel': { id: 'job-abc' },
  'jobs.dismiss': { id: 'job-abc' },
  'vault.status': {},
  'vault.create': { passphrase: 'correct horse battery' },
  'vault.unlock': { passphrase: 'correct horse battery', remember: false },
  'vault.lock': {},
  'vault.changePassphrase': { current: 'correct horse battery', next: 'another long passphrase' },
  'vault.setAutoLock': { minutes: 15 },
  'vault.forget': {},
  'vault.remember': {},
  'settings.get': {},
  'settings.set': { key: 'theme', value: 'dark' },
  'keystore.list': {},
  'keystore.createKek': { label: 'Finance KEK', bits: 3072, days: 365 },
  'keystore.createSecretKey': { label: 'Tape pool', bits: 256 },
  'keystore.setState': { label: 'K', state: 'deactivated' },
  'keystore.setNotes': { label: 'K', notes: 'kept in safe 2' },
  'keystore.destroy': { label: 'K', confirm: 'K' },
  'keystore.importPreview': {
    upload: 'upload-0123456789abcdef0123456789abcdef',
    format: 'pkcs12',
    storePassword: 'changeit',
  },
  'keystore.importRead': { upload: 'upload-0123456789abcdef0123456789abcdef', format: 'jceks' },
  'keystore.importReadResult': { jobId: 'job-abc' },
  'keystore.importCommit': {
    previewId: 'p',
    onClash: 'rename',
    decisions: [{ alias: 'a', action: 'rename', label: 'A (2)' }],
  },
  'keystore.importDiscard': { previewId: 'p' },
  'keystore.export': { labels: ['K'], format: 'pkcs12', storePassword: 'export-pass', legacy: false },
  'eedk.wrap': {
    keks: [
      { label: 'Main KEK', encoding: 'H' },
      { label: 'DR KEK', encoding: 'L' },
    ],
  },
  'files.begin': { name: 'k.p12', size: 4, purpose: 'keystore-import' },
  'files.chunk': { uploadId: 'upload-0123456789abcdef0123456789abcdef', index: 0, base64: 'MIIB' },
  'files.finish': { uploadId: 'upload-0123456789abcdef0123456789abcdef' },
  'files.discard': { uploadId: 'upload-0123456789abcdef0123456789abcdef' },
  'eedk.unwrap': { upload: 'upload-0123456789abcdef0123456789abcdef' },
  'servers.list': {},
  'servers.warnings': {},
  'servers.add': { name: 'SKLM 1', address: 'kms1.example.com', kmipPort: 5696, role: 'primary' },
  'servers.rebind': { name: 'SKLM 1', trustLabel: 'SKLM CA' },
  'servers.remove': { name: 'SKLM 1', confirm: 'SKLM 1' },
  'servers.fetchChain': { host: 'kms1.example.com', port: 5696 },
  'servers.trustRetrieved': { fetchId: 'f', index: 0, sha256: 'AB:CD', alias: 'SKLM CA' },
  'servers.trustUpload': { upload: 'upload-0123456789abcdef0123456789abcdef', sha256: 'AB:CD', alias: 'SKLM CA' },
  'servers.testDraft': { address: 'kms1.example.com', trustLabel: 'SKLM CA', identityLabel: 'Station' },
  'servers.test': { name: 'SKLM 1' },
  'servers.testKeyRetrieval': { name: 'SKLM 1' },
  'servers.ipp': { name: 'SKLM 1' },
  'servers.health': {},
  'servers.checkAll': {},
  'servers.setSchedule': { minutes: 15 },
  'servers.calendar': {},
  'identity.createSelfSigned': { label: 'Station', commonName: 'station1', subjectAltNames: ['station1.example.com'] },
  'identity.createCsr': { label: 'Station', commonName: 'station1' },
  'identity.importSigned': { label: 'Station', upload: 'upload-0123456789abcdef0123456789abcdef' },
  'identity.certificatePem': { label: 'Station' },
  'kmip.query': { name: 'SKLM 1' },
  'kmip.locate': { server: 'SKLM 1', name: 'tape key', max: 10 },
  'kmip.attributes': { server: 'SKLM 1', id: '42' },
  'kmip.log': {},
  'kmip.discover': { server: null },
  'kmip.get': { server: null, id: '42' },
  'kmip.create': { name: 'tape key', bits: 256, confirm: 'tape key' },
  'kmip.register': { label: 'partner CA', name: 'partner CA', confirm: 'partner CA' },
  'kmip.activate': { id: '42', confirm: '42' },
  'kmip.revoke': { id: '42', reason: 'superseded', confirm: '42' },
  'kmip.destroy': { id: '42', confirm: '42' },
  'usb.drives': {},
  'usb.driveLister': {},
  'usb.keySets': {},
  'usb.copies': { name: 'TS7770-A' },
  'usb.create': { name: 'TS7770-A', serial: '78-1', minCopies: 3, drives: ['/media/KEYS1'] },
  'usb.rekey': { name: 'TS7770-A', drives: ['/media/KEYS1'] },
  'usb.addCopies': { name: 'TS7770-A', drives: ['/media/KEYS2'] },
  'usb.commit': { name: 'TS7770-A' },
  'usb.cancel': { name: 'TS7770-A' },
  'usb.validate': { name: 'TS7770-A' },
  'usb.erase': { name: 'TS7770-A', confirm: 'TS7770-A' },
  'usb.setCustody': { copyId: 'c1', keptAt: 'safe 2', custodian: 'ann' },
  'usb.markLost': { copyId: 'c1', confirm: 'c1' },
  'audit.list': { action: 'vault', limit: 10 },
  'audit.verify': {},
  'audit.exportCsv': {},
  'devices.list': {},
  'devices.show': { name: 'LTO_LIB1' },
  'devices.create': { group: { name: 'LTO_LIB1', family: 'LTO', policy: 'pending', keys: 2 }, sync: true },
  'devices.delete': { name: 'LTO_LIB1', confirm: 'LTO_LIB1' },
  'devices.addDevice': { name: 'LTO_LIB1', serial: '000007888422', wwn: '500507630240FBCC' },
  'devices.approve': { name: 'LTO_LIB1', serial: '000007888422' },
  'devices.reject': { name: 'LTO_LIB1', serial: '000007888422' },
  'devices.sync': { name: 'LTO_LIB1' },
  'devices.holdings': { name: 'LTO_LIB1' },
  'devices.usedBy': { label: 'KEK 1' },
  'devices.pendingCount': {},
  'devices.ekmPreview': { name: 'EKM_Z1', config: `upload-${'0'.repeat(32)}` },
  'devices.ekmCommit': { previewId: 'p1' },
  'devices.ekmDiscard': { previewId: 'p1' },
  'backup.status': {},
  'backup.create': {
    selection: { all: true },
    passphrase: 'a backup passphrase',
    shares: { threshold: 2, count: 3, holders: ['Ann', 'Bo', 'Cy'] },
    sheets: true,
    includeIdentities: false,
  },
  'backup.open': { archiveId: '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f70' },
  'backup.giveShare': { sessionId: 'bk-0123456789abcdef01234567', share: 'CS1-AAAAA-BBBBB' },
  'backup.verify': { sessionId: 'bk-0123456789abcdef01234567', passphrase: 'a backup passphrase' },
  'backup.preview': { sessionId: 'bk-0123456789abcdef01234567' },
  'backup.restore': { sessionId: 'bk-0123456789abcdef01234567', onClash: 'rename' },
  'backup.close': { sessionId: 'bk-0123456789abcdef01234567' },
  'backup.toServer': { server: 'Backup KMS', selection: { labels: ['DISK KEY 1'] } },
  'tokens.modules': {},
  'tokens.list': {},
  'tokens.add': { name: 'HSM', modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'Custos A' },
  'tokens.show': { name: 'HSM' },
  'tokens.login': { name: 'HSM', pin: '5678', remember: false },
  'tokens.logout': { name: 'HSM' },
  'tokens.adopt': { name: 'HSM' },
  'tokens.createKek': { token: 'HSM', label: 'Token KEK', bits: 3072 },
};

/** Broken, wrong and hostile shapes every channel must refuse. */
const hostileInputs: unknown[] = [
  undefined,
  null,
  42,
  'station',
  [],
  [{}],
  { extra: true },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { id: 'job-abc', extra: 'x' },
  { id: 42 },
  { id: '../../etc/passwd' },
  { id: 'job-' + 'a'.repeat(100) },
  { passphrase: 42 },
  { passphrase: 'x'.repeat(5000) },
  { label: 'K', bits: 1024 },
  { label: 'K', state: 'destroyed' },
  { minutes: -1 },
  { limit: 1e9 },
  { fileName: 'x', contentBase64: 'not base64 at all!' },
  { uploadId: 'upload-../../etc/passwd', index: 0, base64: 'MIIB' },
  { uploadId: 'upload-0123456789abcdef0123456789abcdef', index: 0, base64: 'not base64 at all!' },
  { uploadId: 'upload-0123456789abcdef0123456789abcdef', index: -1, base64: 'MIIB' },
  { name: 'k.p12', size: -1, purpose: 'keystore-import' },
  { name: 'k.p12', size: 4, purpose: '/etc/passwd' },
  { upload: '/etc/passwd' },
  { labels: [], format: 'pkcs12' },
  { labels: ['K'], format: 'zip' },
  { previewId: 'p', onClash: 'merge' },
  { host: 'h', port: 0 },
  { host: 'h', port: 70000 },
  { name: 'x', address: 'h', kmipPort: -1 },
  { minutes: 5000 },
  { label: 'L', commonName: 'cn', bits: 1024 },
  { keks: [] },
  { keks: [{ label: 'K', encoding: 'X' }] },
  { name: 'TS7770-A', drives: [] },
  { name: '', drives: ['/m'] },
];

const trusted = createBinder<boolean>({ handlers: spyHandlers().handlers, isTrustedSender: (s) => s });

describe('IPC contract', () => {
  it.each(callNames)('%s accepts its valid input from a trusted sender', async (name) => {
    const { handlers, ran } = spyHandlers();
    const binder = createBinder<boolean>({ handlers, isTrustedSender: (s) => s });
    const result = await binder.dispatch(name, validInput[name], true);
    expect(result.ok).toBe(true);
    expect(ran).toHaveBeenCalledWith(name);
  });

  it.each(callNames)('%s rejects malformed input with INVALID_INPUT and runs no handler', async (name) => {
    const { handlers, ran } = spyHandlers();
    const binder = createBinder<boolean>({ handlers, isTrustedSender: (s) => s });
    for (const input of hostileInputs) {
      const result = await binder.dispatch(name, input, true);
      if (result.ok) {
        // Only the empty object may pass, and only for channels whose every input field is optional.
        expect(input, `${name} accepted ${JSON.stringify(input)}`).toEqual({});
        ran.mockClear();
        continue;
      }
      expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(result.message).toContain(name);
    }
    const passed = ran.mock.calls.length;
    expect(passed).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    { key: 'theme', value: 'purple' },
    { key: 'theme', value: 'DARK' },
    { key: 'kmipMessageLog', value: 'on' },
    { key: 'serverTestMinutes', value: -1 },
    { key: 'serverTestMinutes', value: 1441 },
    { key: 'serverTestMinutes', value: 2.5 },
    { key: 'serverTestMinutes', value: '15' },
    { key: 'autoLockMinutes', value: 5 },
    { key: 'theme', value: 'dark', extra: true },
    { key: 'theme' },
  ])('settings.set refuses %j with INVALID_INPUT', async (input) => {
    const { handlers, ran } = spyHandlers();
    const binder = createBinder<boolean>({ handlers, isTrustedSender: (s) => s });
    expect(await binder.dispatch('settings.set', input, true)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(ran).not.toHaveBeenCalled();
  });

  it.each(callNames)('%s refuses an untrusted sender before parsing, and runs no handler', async (name) => {
    const { handlers, ran } = spyHandlers();
    const binder = createBinder<boolean>({ handlers, isTrustedSender: (s) => s });
    const result = await binder.dispatch(name, validInput[name], false);
    expect(result).toMatchObject({ ok: false, code: 'UNTRUSTED_SENDER' });
    expect(ran).not.toHaveBeenCalled();
  });

  it('refuses channels that are not in the table', async () => {
    for (const channel of ['station.exec', 'constructor', '__proto__', 'toString', 42, null]) {
      expect(await trusted.dispatch(channel, {}, true)).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    }
  });

  it('passes a domain error through as its code and sentence', async () => {
    const { handlers } = spyHandlers();
    handlers['jobs.cancel'] = () => {
      throw new CustosError(
        JobCode.NotCancellable,
        'The job "Commit" cannot be stopped safely part-way; let it finish.',
      );
    };
    const binder = createBinder<boolean>({ handlers, isTrustedSender: () => true });
    expect(await binder.dispatch('jobs.cancel', { id: 'job-abc' }, true)).toEqual({
      ok: false,
      code: 'JOB_NOT_CANCELLABLE',
      message: 'The job "Commit" cannot be stopped safely part-way; let it finish.',
    });
  });

  it('turns unexpected errors into INTERNAL without stack or secret', async () => {
    const { handlers } = spyHandlers();
    handlers['station.snapshot'] = () => {
      throw new Error('passphrase=correct-horse-battery-staple');
    };
    const reports: string[] = [];
    const binder = createBinder<boolean>({
      handlers,
      isTrustedSender: () => true,
      reportInternal: (_c, s) => reports.push(s),
    });
    const result = await binder.dispatch('station.snapshot', {}, true);
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' });
    const text = JSON.stringify(result) + reports.join('\n');
    expect(text).not.toContain('correct-horse');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('refuses to send output the contract does not allow (no accidental leaks)', async () => {
    const { handlers } = spyHandlers();
    (handlers as Record<string, unknown>)['keystore.list'] = () => ({
      entries: [{ ...entry, privateKey: 'MIIE...' }],
      matching: 1,
      total: 1,
    });
    const binder = createBinder<boolean>({ handlers, isTrustedSender: () => true });
    const result = await binder.dispatch('keystore.list', {}, true);
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(JSON.stringify(result)).not.toContain('MIIE');
  });

  it('builds an API object with exactly the contract domains, frozen', () => {
    const api = buildApi(
      async () => ({ ok: true, value: null }),
      () => () => {},
    );
    const domains = [...new Set([...callNames, ...pushNames].map((n) => n.split('.')[0]))].sort();
    expect(Object.keys(api).sort()).toEqual(domains);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.jobs)).toBe(true);
    expect(() => (api.jobs.on as (e: string, l: () => void) => void)('nope', () => {})).toThrow();
  });
});
