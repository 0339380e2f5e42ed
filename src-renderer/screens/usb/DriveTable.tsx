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
      <p className="muted">
        No USB drives are inserted. Insert a USB flash drive: it appears here as soon as it is mounted.
      </p>
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
              <div className="small muted">{d.mountPoint}</div>
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
