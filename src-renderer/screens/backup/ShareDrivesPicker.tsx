import type { UsbDriveView } from '../../../src-main/contract';
import { bytes } from '../usb/format';

/** One drive per share, chosen from the inserted drives the USB screen lists; blocked drives are not offered. */
export function ShareDrivesPicker(props: {
  count: number;
  holders: readonly string[];
  chosen: readonly string[];
  drives: readonly UsbDriveView[];
  onChoose: (index: number, driveId: string) => void;
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
      {blocked.length > 0 ? (
        <p className="small muted">
          Not offered: {blocked.map((d) => `${d.label || d.mountPoint} (${d.reason})`).join(' ')}
        </p>
      ) : null}
    </>
  );
}
