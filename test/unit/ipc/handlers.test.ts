import { describe, expect, it } from 'vitest';
import { CustosError, KeystoreCode, UsbCode, VaultCode, EedkCode, AuditCode } from '../../../src-main/contract';
import type { CallName } from '../../../src-main/contract';
import type { OpenStation } from '../../../src-main/services';
import { auditHandlers } from '../../../src-main/ipc/handlers/audit';
import { eedkHandlers } from '../../../src-main/ipc/handlers/eedk';
import { keystoreHandlers } from '../../../src-main/ipc/handlers/keystore';
import { usbHandlers } from '../../../src-main/ipc/handlers/usb';
import { vaultHandlers } from '../../../src-main/ipc/handlers/vault';
import { FileUploads } from '../../../src-main/ipc/file-uploads';
import { createBinder } from '../../../src-main/ipc/register';
import type { Handlers } from '../../../src-main/ipc/register';

/**
 * Handlers are thin: parse (the binder did), one service call, return. Each channel here is run
 * against a station whose services only record what they were asked; the handler must ask
 * exactly one thing and hand its answer back as it came. A service's error reaches the window
 * with its own code.
 */
interface Recorded {
  calls: string[];
  args: unknown[][];
}

const ANSWER = { answer: 'from the service' };

/** A station whose every service method records its call and answers ANSWER (or a started job for USB prepares). */
function recordingStation(failWith?: CustosError): { station: OpenStation; seen: Recorded } {
  const seen: Recorded = { calls: [], args: [] };
  const service = (name: string) =>
    new Proxy(
      {},
      {
        get:
          (_, method) =>
          (...args: unknown[]) => {
            seen.calls.push(`${name}.${String(method)}`);
            seen.args.push(args);
            if (failWith) throw failWith;
            if (name === 'usb' && ['create', 'rekey', 'addCopies'].includes(String(method)))
              return Promise.resolve({ jobId: 'job-1', done: new Promise(() => undefined) });
            return ANSWER;
          },
      },
    );
  const station = new Proxy({} as OpenStation, { get: (_, field) => service(String(field)) });
  return { station, seen };
}

/** Files reach handlers as uploads: each case that needs one gets 'CEDK' sent afresh. */
const uploads = new FileUploads();
const CEDK_UPLOAD = 'the CEDK upload';
function withUploads(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || (input as { upload?: unknown }).upload !== CEDK_UPLOAD)
    return input;
  const { uploadId } = uploads.begin('x.eedk', 4, 'eedk');
  uploads.chunk(uploadId, 0, Buffer.from('CEDK'));
  uploads.finish(uploadId);
  return { ...input, upload: uploadId };
}

function ownHandlers(station: OpenStation): Partial<Handlers> {
  return {
    ...vaultHandlers(station),
    ...keystoreHandlers(station, uploads),
    ...eedkHandlers(station, uploads),
    ...auditHandlers(station),
    ...usbHandlers(station),
  };
}

/** channel -> a valid input, the one service call it makes with its arguments, and what it returns. */
const CASES: [CallName, unknown, string, unknown[], unknown][] = [
  ['vault.status', {}, 'vault.status', [], ANSWER],
  ['vault.create', { passphrase: 'correct horse battery' }, 'vault.create', ['correct horse battery'], ANSWER],
  [
    'vault.unlock',
    { passphrase: 'correct horse battery', remember: true },
    'vault.unlock',
    ['correct horse battery', true],
    ANSWER,
  ],
  ['vault.lock', {}, 'vault.lock', [], ANSWER],
  [
    'vault.changePassphrase',
    { current: 'correct horse battery', next: 'another long passphrase' },
    'vault.changePassphrase',
    ['correct horse battery', 'another long passphrase'],
    ANSWER,
  ],
  ['vault.setAutoLock', { minutes: 5 }, 'vault.setAutoLock', [5], ANSWER],
  ['vault.forget', {}, 'vault.forget', [], ANSWER],
  [
    'keystore.list',
    { offset: 100, limit: 100, filter: { query: 'pool' } },
    'keystore.page',
    [{ offset: 100, limit: 100, filter: { query: 'pool' } }],
    ANSWER,
  ],
  ['keystore.createKek', { label: 'K', bits: 3072 }, 'keystore.createKek', [{ label: 'K', bits: 3072 }], ANSWER],
  [
    'keystore.createSecretKey',
    { label: 'A', bits: 256 },
    'keystore.createSecretKey',
    [{ label: 'A', bits: 256 }],
    ANSWER,
  ],
  [
    'keystore.setState',
    { label: 'K', state: 'deactivated' },
    'keystore.setState',
    ['K', 'deactivated', undefined],
    ANSWER,
  ],
  ['keystore.setNotes', { label: 'K', notes: 'safe 2' }, 'keystore.setNotes', ['K', 'safe 2'], ANSWER],
  [
    'keystore.destroy',
    { label: 'K', confirm: 'K' },
    'keystore.destroy',
    ['K', 'K', { cartridgesRewritten: undefined }],
    ANSWER,
  ],
  [
    'keystore.export',
    { labels: ['K'], format: 'pem', legacy: false },
    'exports.exportKeys',
    [{ labels: ['K'], format: 'pem', legacy: false }],
    ANSWER,
  ],
  [
    'eedk.wrap',
    { keks: [{ label: 'K', encoding: 'H' }] },
    'exports.wrapEedk',
    [{ keks: [{ label: 'K', encoding: 'H' }] }],
    ANSWER,
  ],
  // The uploaded bytes are wiped once the service has used them.
  ['eedk.unwrap', { upload: CEDK_UPLOAD }, 'eedk.identify', [Buffer.alloc(4)], ANSWER],
  ['audit.list', { action: 'vault' }, 'audit.list', [{ action: 'vault' }], ANSWER],
  ['audit.verify', {}, 'audit.verify', [], ANSWER],
  ['usb.drives', {}, 'usb.listDrives', [], ANSWER],
  ['usb.driveLister', {}, 'usb.driveLister', [], ANSWER],
  ['usb.keySets', {}, 'usb.listKeySets', [], ANSWER],
  ['usb.copies', { name: 'S' }, 'usb.copies', ['S'], ANSWER],
  [
    'usb.create',
    { name: 'S', drives: ['/m/K1'] },
    'usb.create',
    [{ name: 'S', drives: ['/m/K1'] }],
    { jobId: 'job-1' },
  ],
  ['usb.rekey', { name: 'S', drives: ['/m/K1'] }, 'usb.rekey', ['S', ['/m/K1']], { jobId: 'job-1' }],
  ['usb.addCopies', { name: 'S', drives: ['/m/K1'] }, 'usb.addCopies', ['S', ['/m/K1']], { jobId: 'job-1' }],
  ['usb.commit', { name: 'S' }, 'usb.commit', ['S'], ANSWER],
  ['usb.cancel', { name: 'S' }, 'usb.cancel', ['S'], ANSWER],
  ['usb.validate', { name: 'S' }, 'usb.validate', ['S'], ANSWER],
  ['usb.erase', { name: 'S', confirm: 'S' }, 'usb.erase', ['S', 'S'], ANSWER],
  [
    'usb.setCustody',
    { copyId: 'c1', keptAt: 'safe 2' },
    'usb.setCustody',
    ['c1', { keptAt: 'safe 2', custodian: undefined }],
    ANSWER,
  ],
  ['usb.markLost', { copyId: 'c1', confirm: 'c1' }, 'usb.markLost', ['c1', 'c1'], ANSWER],
];

describe('thin handlers', () => {
  it.each(CASES)('%s makes one service call and returns its answer', async (channel, input, call, args, returned) => {
    const { station, seen } = recordingStation();
    const handler = ownHandlers(station)[channel] as ((input: unknown) => unknown) | undefined;
    expect(handler, `${channel} is bound`).toBeDefined();
    const value = await handler?.(withUploads(input));
    expect(seen.calls).toEqual([call]);
    expect(seen.args).toEqual([args]);
    expect(value).toEqual(returned);
  });

  it.each([
    ['vault.unlock', { passphrase: 'correct horse battery' }, new CustosError(VaultCode.WrongPassphrase, 'No.')],
    ['keystore.destroy', { label: 'K', confirm: 'k' }, new CustosError(KeystoreCode.DestroyNotConfirmed, 'Type it.')],
    [
      'keystore.export',
      { labels: ['K'], format: 'pkcs12' },
      new CustosError(KeystoreCode.ExportPasswordRequired, 'Pw.'),
    ],
    ['eedk.unwrap', { upload: CEDK_UPLOAD }, new CustosError(EedkCode.NoMatchingKek, 'Not here.')],
    ['audit.verify', {}, new CustosError(AuditCode.ChainBroken, 'Row 3.')],
    ['usb.erase', { name: 'S', confirm: 's' }, new CustosError(UsbCode.EraseNotConfirmed, 'Type it.')],
    ['usb.create', { name: 'S', drives: ['/m/K1'] }, new CustosError(UsbCode.NoDrives, 'Insert one.')],
  ] as const)('%s: the service error reaches the window with its code and sentence', async (channel, input, error) => {
    const { station } = recordingStation(error);
    const binder = createBinder<boolean>({
      handlers: ownHandlers(station) as Handlers,
      isTrustedSender: (trusted) => trusted,
    });
    expect(await binder.dispatch(channel, withUploads(input), true)).toEqual({
      ok: false,
      code: error.code,
      message: error.message,
    });
  });
});
