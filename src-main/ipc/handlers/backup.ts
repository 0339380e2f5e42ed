import type { OpenStation } from '../../services';
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
export function backupHandlers({ backup }: OpenStation): BackupHandlers {
  const started = (job: { jobId: string; done: Promise<unknown> }) => {
    job.done.catch(() => undefined); // the job board reports failures; nothing waits here
    return { jobId: job.jobId };
  };
  return {
    'backup.status': () => backup.status(),
    'backup.create': (input) => started(backup.startCreate(input)),
    'backup.open': (input) => backup.openSession(input),
    'backup.giveShare': ({ sessionId, share }) => backup.giveShare(sessionId, share),
    'backup.verify': ({ sessionId, passphrase }) => backup.verifySession(sessionId, passphrase),
    'backup.preview': ({ sessionId, passphrase }) => backup.previewSession(sessionId, passphrase),
    'backup.restore': ({ sessionId, onClash, passphrase }) => backup.restoreSession(sessionId, onClash, passphrase),
    'backup.close': ({ sessionId }) => (backup.closeSession(sessionId), {}),
    'backup.toServer': ({ server, selection }) => started(backup.startCopyToServer(server, selection)),
  };
}
