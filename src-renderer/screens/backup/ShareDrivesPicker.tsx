import type { UsbDriveView } from '../../../src-main/contract';
import { bytes } from '../usb/format';

/** One drive per share, chosen from the inserted drives the USB screen lists; blocked drives are not offered. */
export function ShareDrivesPicker(props: {
  count: number;
  holders: readonly string[];
  chosen: readonly string[];
  drives: readonly UsbDriveView[];
  onChoose: (index: number, driveId: string) => void;
  /** Why the choice cannot be written yet, shown right under the choices. */
  problem: string | null;
}) {
  const usable = props.drives.filter((d) => !d.blocked);
  const blocked = props.drives.filter((d) => d.blocked && d.status !== 'system');
  return (
    <>
      <ul className="pick-list" aria-label="A drive for each share">
        {Array.from({ length: props.count }, (_, i) => {
          const holder = props.holders[i]?.trim() || `custodian ${i + 1}`;
          return (
            <li key={i}>
              <label>
                Drive for share {i + 1} ({holder})
                <select value={props.chosen[i] ?? ''} onChange={(e) => props.onChoose(i, e.target.value)}>
                  <option value="">Choose a drive…</option>
                  {usable.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.label || '(no label)'} — {d.mountPoint}, {bytes(d.freeBytes)} free
                    </option>
                  ))}
                </select>
              </label>
            </li>
          );
        })}
      </ul>
      {props.problem ? (
        <p className="field-error" role="alert">
          {props.problem}
        </p>
      ) : (
        <p className="hint">Each custodian keeps their own drive; the printable sheet goes onto it too.</p>
      )}
      {blocked.length > 0 ? (
        <details className="small muted">
          <summary>
            {blocked.length} inserted {blocked.length === 1 ? 'drive is' : 'drives are'} not offered
          </summary>
          <ul>
            {blocked.map((d) => (
              <li key={d.id}>{d.reason}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
