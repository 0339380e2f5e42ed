import { describe, expect, it, vi } from 'vitest';
import { buildApi, callNames, pushNames, CustosError } from '../../src-main/ipc/contract';
import type { CallName } from '../../src-main/ipc/contract';
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
  'keystore.list': [entry],
  'keystore.createKek': entry,
  'keystore.createSecretKey': entry,
  'keystore.setState': entry,
  'keystore.setNotes': entry,
  'keystore.destroy': entry,
  'keystore.importPreview': { previewId: 'p', fileName: 'f.p12', format: 'pkcs12', entries: [], expiresAt: 't' },
  'keystore.importCommit': { imported: [entry], skipped: [] },
  'keystore.importDiscard': {},
  'keystore.export': { path: '/h/exports/k.p12', format: 'pkcs12', entries: 1, warning: null },
  'audit.list': [],
  'audit.verify': { intact: true, rows: 0, seq: null, sentence: 'ok' },
  'audit.exportCsv': { csv: '' },
};

/** A handler table whose every entry records that it ran: the proof that bad calls reach no handler. */
function spyHandlers() {
  const ran = vi.fn();
  const handlers = Object.fromEntries(callNames.map((name) => [name, () => (ran(name), sampleOutput[name])])) as unknown as Handlers;
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
  'keystore.list': {},
  'keystore.createKek': { label: 'Finance KEK', bits: 3072, days: 365 },
  'keystore.createSecretKey': { label: 'Tape pool', bits: 256 },
  'keystore.setState': { label: 'K', state: 'deactivated' },
  'keystore.setNotes': { label: 'K', notes: 'kept in safe 2' },
  'keystore.destroy': { label: 'K', confirm: 'K' },
  'keystore.importPreview': { fileName: 'k.p12', contentBase64: 'MIIB', format: 'pkcs12', storePassword: 'changeit' },
  'keystore.importCommit': { previewId: 'p', onClash: 'rename', decisions: [{ alias: 'a', action: 'rename', label: 'A (2)' }] },
  'keystore.importDiscard': { previewId: 'p' },
  'keystore.export': { labels: ['K'], format: 'pkcs12', storePassword: 'export-pass', legacy: false },
  'audit.list': { action: 'vault', limit: 10 },
  'audit.verify': {},
  'audit.exportCsv': {},
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
  { labels: [], format: 'pkcs12' },
  { labels: ['K'], format: 'zip' },
  { previewId: 'p', onClash: 'merge' },
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
      throw new CustosError('JOB_NOT_CANCELLABLE', 'The job "Commit" cannot be stopped safely part-way; let it finish.');
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
    const binder = createBinder<boolean>({ handlers, isTrustedSender: () => true, reportInternal: (_c, s) => reports.push(s) });
    const result = await binder.dispatch('station.snapshot', {}, true);
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' });
    const text = JSON.stringify(result) + reports.join('\n');
    expect(text).not.toContain('correct-horse');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('refuses to send output the contract does not allow (no accidental leaks)', async () => {
    const { handlers } = spyHandlers();
    (handlers as Record<string, unknown>)['keystore.list'] = () => [{ ...entry, privateKey: 'MIIE...' }];
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
