import { useState } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { BackupWizard } from './BackupWizard';
import { CopyToServerDialog } from './CopyToServerDialog';
import { RestoreWizard } from './RestoreWizard';
import { useBackupStatus } from './use-backup-status';

type Open = null | 'backup' | 'restore' | 'to-server' | { restoreArchive: string };

/** History, per-key status, and what is not yet backed up; the backup, restore and copy wizards. */
export function BackupScreen() {
  const { status, reload } = useBackupStatus();
  const [open, setOpen] = useState<Open>(null);
  const close = () => {
    setOpen(null);
    void reload();
  };
  return (
    <>
      <ScreenHeader title="Backup" subtitle="Copies of the keys that exist nowhere else." />
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setOpen('backup')}>
          Back up keys…
        </button>
        <button type="button" onClick={() => setOpen('restore')}>
          Restore from an archive…
        </button>
        <button type="button" onClick={() => setOpen('to-server')}>
          Copy to a backup key server…
        </button>
      </div>
      <div className="columns">
        <div className="column">
          <section className="card" aria-labelledby="nowhere-h">
            <h2 id="nowhere-h">Not yet backed up</h2>
            {!status ? (
              <p className="muted">…</p>
            ) : status.nowhereElse.length === 0 ? (
              <p>Every key is in an archive or on a backup key server.</p>
            ) : (
              <>
                <p className="warn-text">
                  {status.nowhereElse.length} key{status.nowhereElse.length === 1 ? '' : 's'} exist nowhere else: losing
                  this station loses {status.nowhereElse.length === 1 ? 'it' : 'them'}.
                </p>
                <ul aria-label="Keys not yet backed up">
                  {status.nowhereElse.slice(0, 50).map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="card" aria-labelledby="keys-h">
            <h2 id="keys-h">Per key</h2>
            <table className="table" aria-label="Backup status per key">
              <thead>
                <tr>
                  <th>Key</th>
                  <th>Last archive</th>
                  <th>Last copy to a backup server</th>
                </tr>
              </thead>
              <tbody>
                {(status?.keys ?? []).slice(0, 500).map((k) => (
                  <tr key={k.label}>
                    <td>{k.label}</td>
                    <td>{k.lastArchive ? when(k.lastArchive) : 'never'}</td>
                    <td>{k.lastServerCopy ? `${k.lastServerCopy.server}, ${when(k.lastServerCopy.at)}` : 'never'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <div className="column">
          <section className="card" aria-labelledby="history-h">
            <h2 id="history-h">Archives</h2>
            {status && status.archives.length === 0 ? (
              <p className="muted">
                No backup archive yet. Start with "Back up keys…": one archive, protected by a passphrase or custodian
                shares.
              </p>
            ) : null}
            <ul className="archive-list" aria-label="Backup archives">
              {(status?.archives ?? []).map((a) => (
                <li key={a.id} style={{ display: 'grid', gap: '0.25rem', marginBottom: '0.75rem' }}>
                  <span>
                    <strong>{when(a.createdAt)}</strong> — {a.entries} keys, {a.protectors}
                    {a.verifiedAt ? ', verified' : ''}
                  </span>
                  <code className="small">{a.path}</code>
                  {a.custody.length ? (
                    <span className="small muted">
                      Shares: {a.custody.map((c) => `${c.index} ${c.holder}`).join(', ')}
                    </span>
                  ) : null}
                  <button type="button" onClick={() => setOpen({ restoreArchive: a.id })}>
                    Verify or restore…
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
      {open === 'backup' ? <BackupWizard onClose={close} /> : null}
      {open === 'restore' ? <RestoreWizard onClose={close} /> : null}
      {open !== null && typeof open === 'object' ? (
        <RestoreWizard archiveId={open.restoreArchive} onClose={close} />
      ) : null}
      {open === 'to-server' ? <CopyToServerDialog onClose={close} /> : null}
    </>
  );
}

export function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
