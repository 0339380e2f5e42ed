import type { OpenStation } from '../../services';
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
  | 'keystore.importCommit'
  | 'keystore.importDiscard'
  | 'keystore.export'
>;

export function keystoreHandlers({ keystore, imports, exports }: OpenStation): KeystoreHandlers {
  return {
    'keystore.list': () => keystore.list(),
    'keystore.createKek': (input) => keystore.createKek(input),
    'keystore.createSecretKey': (input) => keystore.createSecretKey(input),
    'keystore.setState': ({ label, state }) => keystore.setState(label, state),
    'keystore.setNotes': ({ label, notes }) => keystore.setNotes(label, notes),
    'keystore.destroy': ({ label, confirm }) => keystore.destroy(label, confirm),
    // The file's bytes arrive from the renderer (it picked the file); main parses them.
    'keystore.importPreview': ({ fileName, contentBase64, format, storePassword }) =>
      imports.preview({ fileName, bytes: Buffer.from(contentBase64, 'base64'), format, storePassword }),
    'keystore.importCommit': ({ previewId, onClash, decisions }) => imports.commit(previewId, onClash, decisions),
    'keystore.importDiscard': ({ previewId }) => {
      imports.discard(previewId);
      return {};
    },
    // Exported keys are written by main into the station's exports folder; the renderer never holds them.
    'keystore.export': (request) => exports.exportKeys(request),
  };
}
