import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenStation } from '../../services';
import { writeFileAtomic } from '../../services/files';
import { exportEntries } from '../../services/keystore';
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
  | 'keystore.importCommit'
  | 'keystore.importDiscard'
  | 'keystore.export'
>;

export function keystoreHandlers(
  { keystore, imports, audit, exportsDir }: OpenStation,
  uploads: FileUploads,
): KeystoreHandlers {
  return {
    'keystore.list': () => keystore.list(),
    'keystore.createKek': (input) => keystore.createKek(input),
    'keystore.createSecretKey': (input) => keystore.createSecretKey(input),
    'keystore.setState': ({ label, state, confirm }) => keystore.setState(label, state, confirm),
    'keystore.setNotes': ({ label, notes }) => keystore.setNotes(label, notes),
    'keystore.destroy': ({ label, confirm, cartridgesRewritten }) =>
      keystore.destroy(label, confirm, { cartridgesRewritten }),
    // The file's bytes arrived from the renderer in chunks (it picked the file); main parses them.
    'keystore.importPreview': ({ upload, format, storePassword }) =>
      uploads.use(upload, 'keystore-import', ({ name, bytes }) =>
        imports.preview({ fileName: name, bytes, format, storePassword }),
      ),
    'keystore.importCommit': ({ previewId, onClash, decisions }) => imports.commit(previewId, onClash, decisions),
    'keystore.importDiscard': ({ previewId }) => {
      imports.discard(previewId);
      return {};
    },
    // Exported keys are written by main into the station's exports folder; the renderer never holds them.
    'keystore.export': ({ labels, format, storePassword, legacy }) => {
      const file = exportEntries(keystore, audit, { labels, format, storePassword, legacy });
      mkdirSync(exportsDir, { recursive: true, mode: 0o700 });
      const stem = labels[0]?.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) ?? 'keys';
      const path = join(
        exportsDir,
        `${stem}${labels.length > 1 ? `+${labels.length - 1}` : ''}-${new Date().toISOString().replace(/[:.]/g, '-')}.${file.extension}`,
      );
      try {
        writeFileAtomic(path, file.bytes, 0o600);
      } finally {
        file.bytes.fill(0);
      }
      return { path, format, entries: file.entries, warning: file.warning };
    },
  };
}
