import type { UsbDriveView } from '../../../src-main/contract';
import { bytes, DRIVE_STATUS_TEXT } from './format';

/** Every drive with its status; blocked ones say why and cannot be chosen. */
export function DriveTable(props: {
  drives: UsbDriveView[];
  selected?: Set<string>;
  onToggle?: (id: string) => void;
  label: string;
}) {
  const { drives, selected, onToggle } = props;
  if (drives.length === 0)
    return (
      <div className="empty-state" role="status" aria-label="No USB drives">
        <p className="empty-summary">
          <strong>Insert a USB drive.</strong>
        </p>
        <p className="muted">
          The access key of a storage system is written to USB flash drives: insert the sticks that will hold its copies
          (or that hold them now, to validate or erase). They appear here as soon as the computer mounts them.
        </p>
      </div>
    );
  return (
    <table className="review drives" aria-label={props.label}>
      <thead>
        <tr>
          {onToggle ? <th>Use</th> : null}
          <th>Drive</th>
          <th>File system</th>
          <th>Free / size</th>
          <th>Status</th>
          <th>Custos keys on it</th>
        </tr>
      </thead>
      <tbody>
        {drives.map((d) => (
          <tr key={d.id} className={d.blocked ? 'blocked' : undefined}>
            {onToggle ? (
              <td>
                <input
                  type="checkbox"
                  aria-label={`Use ${d.label || d.mountPoint}`}
                  disabled={d.blocked}
                  checked={selected?.has(d.id) ?? false}
                  onChange={() => onToggle(d.id)}
                />
              </td>
            ) : null}
            <td>
              <strong>{d.label || '(no label)'}</strong>
              {/* A drive without a volume label is named after its folder: the path once, not twice. */}
              {d.mountPoint !== d.label ? <div className="small muted">{d.mountPoint}</div> : null}
            </td>
            <td>{d.filesystem}</td>
            <td>
              {bytes(d.freeBytes)} / {bytes(d.sizeBytes)}
            </td>
            <td>
              <span className={`pill drive-${d.status}`}>{DRIVE_STATUS_TEXT[d.status]}</span>
              {d.blocked ? <div className="small muted">{d.reason}</div> : null}
            </td>
            <td className="small">
              {d.keys.length === 0
                ? '–'
                : d.keys.map((k) => (
                    <div key={k.fileName}>
                      {k.keySetName ? `${k.keySetName}, generation ${k.generation}` : k.fileName}
                      {k.code ? <span className="warn-text"> ({k.sentence})</span> : null}
                    </div>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
