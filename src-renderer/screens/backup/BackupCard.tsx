import { useApp } from '../../store/app-store';
import { when } from './BackupScreen';
import { useBackupStatus } from './use-backup-status';

/** The Dashboard's backup warning: keys that exist nowhere else, and the last backup. */
export function BackupCard() {
  const { status } = useBackupStatus();
  const go = useApp((s) => s.go);
  const vault = useApp((s) => s.snapshot?.vault);
  return (
    <section className="card" aria-labelledby="backup-h">
      <h2 id="backup-h">Backup</h2>
      <p>Last backup: {status?.lastBackup ? when(status.lastBackup) : 'never'}</p>
      {vault !== 'unlocked' ? (
        <p className="muted">Unlock the vault to see which keys are not yet backed up.</p>
      ) : status && status.nowhereElse.length > 0 ? (
        <p className="warn-text" role="alert">
          {status.nowhereElse.length} key{status.nowhereElse.length === 1 ? '' : 's'} exist nowhere else (never
          archived, never copied to a backup key server).
        </p>
      ) : status ? (
        <p>Every key is in an archive or on a backup key server.</p>
      ) : null}
      <button type="button" onClick={() => go('backup')}>
        Open Backup
      </button>
    </section>
  );
}
