import { useState } from 'react';
import type { EntryView } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';

/** Destroying key material cannot be undone: the custodian types the label to confirm. */
export function DestroyDialog({
  entry,
  cartridges,
  onClose,
}: {
  entry: EntryView;
  cartridges: number;
  onClose: () => void;
}) {
  const destroyEntry = useApp((s) => s.destroyEntry);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [rewritten, setRewritten] = useState(false);
  const matches = typed.trim() === entry.label;
  const submit = async () => {
    if (!matches) return;
    setBusy(true);
    const done = await destroyEntry(entry.label, typed, rewritten);
    setBusy(false);
    if (done) onClose();
  };
  return (
    <Dialog
      title={`Destroy "${entry.label}"`}
      submitLabel="Destroy key material"
      danger
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!matches}
    >
      <p>
        This erases the {entry.type === 'kek' ? 'private key' : 'secret key'} of <strong>{entry.label}</strong> from
        this station for good. Data (or EEDKs) that only this key can open becomes unreadable here. Its label,
        certificate and audit trail stay.
      </p>
      {cartridges > 0 ? (
        <>
          <p className="field-error">
            Key-usage metadata says {cartridges} cartridge{cartridges === 1 ? '' : 's'} still use this key. Without it
            they cannot be read.
          </p>
          <label className="inline">
            <input type="checkbox" checked={rewritten} onChange={(e) => setRewritten(e.target.checked)} />
            All {cartridges} cartridges were rewritten under another KEK
          </label>
        </>
      ) : null}
      <label>
        Type the label to confirm
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus aria-describedby="destroy-hint" />
      </label>
      <p id="destroy-hint" className="hint">
        {matches ? 'Confirmed.' : `Type: ${entry.label}`}
      </p>
    </Dialog>
  );
}
