import { useApp } from '../../store/app-store';
import { useBackupStatus } from './use-backup-status';

/**
 * The USB screen's view of backup custody: which share of which archive is on which drive (label
 * and serial), held by whom, and whether that drive is inserted now. Never the share itself.
 */
export function BackupSharesOnDrives() {
  const { status } = useBackupStatus();
  const drives = useApp((s) => s.drives);
  const rows = (status?.archives ?? []).flatMap((a) =>
    a.custody.flatMap((c) => (c.drive ? [{ archive: a, share: c, drive: c.drive }] : [])),
  );
  if (rows.length === 0) return null;
  const inserted = (d: { label: string; volumeId: string }) =>
    drives.some((x) => x.reachable && x.label === d.label && x.volumeId === d.volumeId);
  return (
    <section className="card" aria-labelledby="backup-shares-h">
      <h2 id="backup-shares-h">Backup shares on USB drives</h2>
      <table className="review" aria-label="Backup shares on drives">
        <thead>
          <tr>
            <th>Drive</th>
            <th>Share</th>
            <th>Held by</th>
            <th>Archive</th>
            <th>Inserted</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ archive, share, drive }) => (
            <tr key={`${archive.id}-${share.index}`}>
              <td>
                <strong>{drive.label || '(no label)'}</strong>
                {drive.volumeId ? <div className="small muted">serial {drive.volumeId}</div> : null}
              </td>
              <td>
                {share.index} of {share.count}
              </td>
              <td>{share.holder}</td>
              <td className="small">
                {archive.path.split(/[\\/]/).pop()}
                <div className="muted">{archive.createdAt.slice(0, 16).replace('T', ' ')}</div>
              </td>
              <td>{inserted(drive) ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
