import type { OpenStation } from '../../services';
import type { FileUploads } from '../file-uploads';
import type { Handlers } from '../register';

type BackupHandlers = Pick<
  Handlers,
  | 'backup.status'
  | 'backup.create'
  | 'backup.open'
  | 'backup.giveShare'
  | 'backup.verify'
  | 'backup.preview'
  | 'backup.restore'
  | 'backup.close'
  | 'backup.toServer'
>;

/** Backups and copies to a backup key server run as jobs; the renderer gets the job id at once. */
export function backupHandlers({ backup }: OpenStation, uploads: FileUploads): BackupHandlers {
  const started = (job: { jobId: string; done: Promise<unknown> }) => {
    job.done.catch(() => undefined); // the job board reports failures; nothing waits here
    return { jobId: job.jobId };
  };
  return {
    'backup.status': () => backup.status(),
    'backup.create': (input) => started(backup.startCreate(input)),
    // A picked archive arrived in chunks (files.*); one from this station's history is named by id.
    'backup.open': (input) =>
      'archiveId' in input
        ? backup.openSession(input)
        : uploads.use(input.upload, 'backup-archive', ({ name, bytes }) =>
            backup.openSession({ fileName: name, bytes }),
          ),
    'backup.giveShare': ({ sessionId, share }) => backup.giveShare(sessionId, share),
    'backup.verify': ({ sessionId, passphrase }) => backup.verifySession(sessionId, passphrase),
    'backup.preview': ({ sessionId, passphrase }) => backup.previewSession(sessionId, passphrase),
    'backup.restore': ({ sessionId, onClash, passphrase }) => backup.restoreSession(sessionId, onClash, passphrase),
    'backup.close': ({ sessionId }) => (backup.closeSession(sessionId), {}),
    'backup.toServer': ({ server, selection }) => started(backup.startCopyToServer(server, selection)),
  };
}
