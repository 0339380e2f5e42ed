import { useState } from 'react';
import type { EntryView } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';

/** Marking a key compromised is final: the custodian types the label to confirm. */
export function CompromiseDialog({ entry, onClose }: { entry: EntryView; onClose: () => void }) {
  const setEntryState = useApp((s) => s.setEntryState);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = typed.trim() === entry.label;
  const submit = async () => {
    if (!matches) return;
    setBusy(true);
    const done = await setEntryState(entry.label, 'compromised', typed);
    setBusy(false);
    if (done) onClose();
  };
  return (
    <Dialog
      title={`Mark "${entry.label}" compromised`}
      submitLabel="Mark compromised"
      danger
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!matches}
    >
      <p>
        A compromised key is never used again on this station: it cannot be reactivated, and nothing new is wrapped or
        encrypted under it. Use this when the key may be known to someone who should not have it.
      </p>
      <label>
        Type the label to confirm
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus aria-describedby="compromise-hint" />
      </label>
      <p id="compromise-hint" className="hint">
        {matches ? 'Confirmed.' : `Type: ${entry.label}`}
      </p>
    </Dialog>
  );
}
