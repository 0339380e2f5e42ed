import type { OpenStation } from '../../services';
import type { FileUploads } from '../file-uploads';
import type { Handlers } from '../register';

type KeystoreHandlers = Pick<
  Handlers,
  | 'keystore.list'
  | 'keystore.createKek'
  | 'keystore.createSecretKey'
  | 'keystore.setState'
  | 'keystore.setNotes'
  | 'keystore.destroy'
  | 'keystore.importPreview'
  | 'keystore.importRead'
  | 'keystore.importReadResult'
  | 'keystore.importCommit'
  | 'keystore.importDiscard'
  | 'keystore.export'
>;

export function keystoreHandlers({ keystore, imports, exports }: OpenStation, uploads: FileUploads): KeystoreHandlers {
  return {
    'keystore.list': (input) => keystore.page(input),
    'keystore.createKek': (input) => keystore.createKek(input),
    'keystore.createSecretKey': (input) => keystore.createSecretKey(input),
    'keystore.setState': ({ label, state, confirm }) => keystore.setState(label, state, confirm),
    'keystore.setNotes': ({ label, notes }) => keystore.setNotes(label, notes),
    'keystore.destroy': ({ label, confirm, cartridgesRewritten }) =>
      keystore.destroy(label, confirm, { cartridgesRewritten }),
    // The file's bytes arrived from the renderer in chunks (it picked the file); main parses them.
    'keystore.importPreview': ({ upload, format, storePassword }) =>
      uploads.use(upload, 'keystore-import', ({ name, bytes }) =>
        imports.previewOf(imports.startPreview({ fileName: name, bytes, format, storePassword }).jobId),
      ),
    // The same read as a job the window watches and may cancel; the file is parsed in worker threads.
    'keystore.importRead': ({ upload, format, storePassword }) =>
      uploads.use(upload, 'keystore-import', ({ name, bytes }) => ({
        jobId: imports.startPreview({ fileName: name, bytes, format, storePassword }).jobId,
      })),
    'keystore.importReadResult': ({ jobId }) => imports.previewOf(jobId),
    'keystore.importCommit': ({ previewId, onClash, decisions }) => imports.commit(previewId, onClash, decisions),
    'keystore.importDiscard': ({ previewId }) => {
      imports.discard(previewId);
      return {};
    },
    // Exported keys are written by main into the station's exports folder; the renderer never holds them.
    'keystore.export': (request) => exports.exportKeys(request),
  };
}
