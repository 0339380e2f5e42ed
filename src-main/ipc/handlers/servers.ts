import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { fail, ServerCode } from '../../contract';
import type { OpenStation } from '../../services';
import { toPem } from '../../services/certs';
import { createIdentityRequest, createSelfSignedIdentity, importSignedIdentity } from '../../services/servers';
import type { ServerTestResult } from '../../services/servers';
import type { FileUploads } from '../file-uploads';
import type { Handlers } from '../register';

type ServerHandlers = Pick<
  Handlers,
  | 'servers.list'
  | 'servers.warnings'
  | 'servers.add'
  | 'servers.remove'
  | 'servers.rebind'
  | 'servers.fetchChain'
  | 'servers.trustRetrieved'
  | 'servers.trustUpload'
  | 'servers.testDraft'
  | 'servers.test'
  | 'servers.testKeyRetrieval'
  | 'servers.ipp'
  | 'servers.health'
  | 'servers.checkAll'
  | 'servers.setSchedule'
  | 'servers.calendar'
  | 'identity.createSelfSigned'
  | 'identity.createCsr'
  | 'identity.importSigned'
  | 'identity.certificatePem'
  | 'kmip.query'
  | 'kmip.locate'
  | 'kmip.attributes'
  | 'kmip.log'
>;

const LOG_TAIL_BYTES = 64 * 1024;

export function serverHandlers(station: OpenStation, uploads: FileUploads): ServerHandlers {
  const { servers, keystore } = station;
  const result = (r: ServerTestResult) => ({
    ok: r.ok,
    steps: r.steps,
    latencyMs: r.latencyMs,
    kmipVersion: r.kmipVersion,
  });
  return {
    'servers.list': () => servers.registry.list(),
    'servers.warnings': () => servers.warnings(),
    'servers.add': (input) => servers.registry.add(input),
    'servers.rebind': ({ name, ...bindings }) => servers.registry.rebind(name, bindings),
    'servers.remove': ({ name, confirm }) => {
      const server = servers.registry.show(name);
      if (confirm.trim() !== server.name)
        fail(
          ServerCode.RemoveNotConfirmed,
          `To remove "${server.name}", type its name as confirmation; nothing was removed.`,
        );
      servers.registry.remove(server.name);
      return {};
    },
    'servers.fetchChain': ({ host, port }) => servers.retrieve(host, port),
    'servers.trustRetrieved': ({ fetchId, index, sha256, alias }) =>
      servers.trustRetrieved(fetchId, index, sha256, alias),
    'servers.trustUpload': ({ upload, sha256, alias }) =>
      uploads.use(upload, 'certificate', ({ bytes }) =>
        servers.trustCertificate(certificateFrom(bytes), sha256, alias, 'uploaded certificate file'),
      ),
    'servers.testDraft': async (draft) => result(await servers.testDraft(draft)),
    'servers.test': async ({ name }) => result(await servers.test(name)),
    'servers.testKeyRetrieval': ({ name }) => servers.testKeyRetrieval(name),
    'servers.ipp': ({ name }) => servers.ipp(name),
    'servers.health': () => servers.healthReport(),
    'servers.checkAll': () => servers.checkAll(),
    'servers.setSchedule': ({ minutes }) => servers.setSchedule(minutes),
    'servers.calendar': () => ({ ics: servers.calendar() }),
    'identity.createSelfSigned': (input) => createSelfSignedIdentity(keystore, input),
    'identity.createCsr': (input) => createIdentityRequest(keystore, input),
    'identity.importSigned': ({ label, upload }) =>
      uploads.use(upload, 'certificate', ({ bytes }) => importSignedIdentity(keystore, label, bytes)),
    'identity.certificatePem': ({ label }) => {
      const entry = keystore.show(label);
      const pem = entry.certificate ? toPem(keystore.certificateOf(label)) : '';
      return { pem, csrPem: keystore.csrOf(label) };
    },
    'kmip.query': ({ name }) => servers.consoleQuery(name),
    'kmip.locate': ({ server, name, group, offset, max }) =>
      servers.consoleLocate(server, { name, group, offset, max }),
    'kmip.attributes': ({ server, id }) => servers.consoleAttributes(server, id),
    'kmip.log': () => ({ path: station.kmipLog.path, text: tail(station.kmipLog.path) }),
  };
}

function certificateFrom(file: Buffer): Buffer {
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(file.toString('latin1'));
  return pem?.[1] ? Buffer.from(pem[1].replace(/\s+/g, ''), 'base64') : file;
}

/** The end of the message log (already redacted when written). */
function tail(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return '';
  }
  const length = Math.min(size, LOG_TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString('utf8');
  return size > LOG_TAIL_BYTES ? text.slice(text.indexOf('<!--')) : text;
}
