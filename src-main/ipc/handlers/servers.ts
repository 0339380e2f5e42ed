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
  | 'kmip.discover'
  | 'kmip.get'
  | 'kmip.create'
  | 'kmip.register'
  | 'kmip.activate'
  | 'kmip.revoke'
  | 'kmip.destroy'
>;

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
      servers.registry.remove(name, confirm);
      return {};
    },
    'servers.fetchChain': ({ host, port }) => servers.retrieve(host, port),
    'servers.trustRetrieved': ({ fetchId, index, sha256, alias }) =>
      servers.trustRetrieved(fetchId, index, sha256, alias),
    'servers.trustUpload': ({ upload, sha256, alias }) =>
      uploads.use(upload, 'certificate', ({ bytes }) => servers.trustUpload(bytes, sha256, alias)),
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
    'kmip.query': ({ name }) => servers.console.query(name),
    'kmip.locate': ({ server, name, group, offset, max }) =>
      servers.console.locate(server ?? undefined, { name, group, offset, max }),
    'kmip.attributes': ({ server, id }) => servers.console.attributes(server ?? undefined, id),
    'kmip.log': () => ({ path: station.kmipLog.path, text: station.kmipLog.tail() }),
    'kmip.discover': ({ server }) => servers.console.discover(server ?? undefined),
    'kmip.get': ({ server, id }) => servers.console.get(server ?? undefined, id),
    'kmip.create': (input) => servers.console.create(input),
    'kmip.register': (input) => servers.console.register(input),
    'kmip.activate': (input) => servers.console.activate(input),
    'kmip.revoke': (input) => servers.console.revoke(input),
    'kmip.destroy': (input) => servers.console.destroy(input),
  };
}
