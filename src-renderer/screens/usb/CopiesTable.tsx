import { useState } from 'react';
import type { UsbKeyCopyView } from '../../../src-main/contract';
import { CustodyField } from './CustodyField';
import { MarkLostDialog } from './MarkLostDialog';

/** The copies of a key set and their custody record; a copy still counted can be recorded as lost. */
export function CopiesTable({ copies, onChanged }: { copies: UsbKeyCopyView[]; onChanged: () => void }) {
  const [losing, setLosing] = useState<UsbKeyCopyView | null>(null);
  if (copies.length === 0) return null;
  return (
    <>
      <table className="review copies" aria-label="Copies and their custody">
        <thead>
          <tr>
            <th>Drive</th>
            <th>Generation</th>
            <th>State</th>
            <th>Kept at</th>
            <th>Custodian</th>
            <th>Last verified</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {copies.map((c) => (
            <tr key={c.id}>
              <td>
                {c.driveLabel} <span className="small muted">{c.inserted ? 'inserted' : ''}</span>
              </td>
              <td>{c.generation}</td>
              <td>
                <span className={`pill copy-${c.state}`}>{c.state}</span>
              </td>
              <td>
                <CustodyField
                  copy={c}
                  field="keptAt"
                  label={`Where ${c.driveLabel} is kept`}
                  placeholder="e.g. safe 2, site B"
                  onSaved={onChanged}
                />
              </td>
              <td>
                <CustodyField copy={c} field="custodian" label={`Custodian of ${c.driveLabel}`} onSaved={onChanged} />
              </td>
              <td className="small">{c.lastVerifiedAt?.replace('T', ' ').slice(0, 16) ?? 'never'}</td>
              <td>
                {c.state === 'lost' || c.state === 'erased' ? null : (
                  <button
                    className="danger-outline small"
                    aria-label={`Record the copy on ${c.driveLabel} as lost`}
                    onClick={() => setLosing(c)}
                  >
                    Lost…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {losing ? (
        <MarkLostDialog
          copy={losing}
          onClose={() => {
            setLosing(null);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
