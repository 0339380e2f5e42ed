import { useState } from 'react';
import type { UsbKeyCopyView } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';

/**
 * Records a copy as lost (its drive is missing or destroyed), as `custos usb lost ID --confirm ID`
 * does: it cannot be undone and the copy stops counting, so the custodian types the drive's name
 * to confirm. Main checks the copy id and writes the audit row; a refusal is shown here.
 */
export function MarkLostDialog({ copy, onClose }: { copy: UsbKeyCopyView; onClose: () => void }) {
  const api = useApp((s) => s.api);
  const loadUsb = useApp((s) => s.loadUsb);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const matches = typed.trim() === copy.driveLabel;

  const submit = async () => {
    if (done) return onClose();
    if (!api || !matches) return;
    setBusy(true);
    setError(null);
    // The drive's name is what the custodian recognises; main takes the copy id, as the CLI does.
    const r = await api.usb.markLost({ copyId: copy.id, confirm: copy.id });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setDone(true);
    void loadUsb();
  };
  return (
    <Dialog
      title={`Record the copy on ${copy.driveLabel} as lost`}
      submitLabel={done ? 'Close' : 'Record as lost'}
      danger={!done}
      busy={busy}
      disabled={!done && !matches}
      cancellable={!done}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      {done ? (
        <p role="status">
          The copy of generation {copy.generation} on {copy.driveLabel} is recorded as lost; it no longer counts towards{' '}
          {copy.keySetName}'s copies. The audit log records it.
        </p>
      ) : (
        <>
          <p>
            The copy of <strong>{copy.keySetName}</strong> generation {copy.generation} on{' '}
            <strong>{copy.driveLabel}</strong>
            {copy.keptAt ? ` (kept at ${copy.keptAt})` : ''} will no longer count towards the key set's copies. This
            cannot be undone.
          </p>
          <p className="warn-text">
            A lost drive still holds the access key: if it turns up, crypto-erase or rekey the key set rather than trust
            it again.
          </p>
          <label>
            Type the drive's name ({copy.driveLabel}) to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" />
          </label>
          <p className="small muted">Copy id {copy.id}</p>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      )}
    </Dialog>
  );
}
