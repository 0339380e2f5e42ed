import { useState } from 'react';
import type { UsbEraseResult, UsbKeySetView } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';

/**
 * Crypto-erase in two steps: first what it means (data encrypted under this key becomes
 * unreadable for good), then the name typed. The result lists copies it could not reach.
 */
export function EraseDialog({ keySet, onClose }: { keySet: UsbKeySetView; onClose: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const loadUsb = useApp((s) => s.loadUsb);
  const [stage, setStage] = useState<'explain' | 'confirm' | 'done'>('explain');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UsbEraseResult | null>(null);

  const submit = async () => {
    if (stage === 'explain') return setStage('confirm');
    if (stage === 'done') return onClose();
    setBusy(true);
    const r = await attempt(api?.usb.erase({ name: keySet.name, confirm: typed }), notify);
    setBusy(false);
    if (r) {
      setResult(r);
      setStage('done');
      void loadUsb();
    }
  };
  return (
    <Dialog
      title={`Crypto-erase ${keySet.name}`}
      submitLabel={
        stage === 'explain' ? 'I understand, continue' : stage === 'confirm' ? 'Erase every reachable copy' : 'Close'
      }
      danger={stage !== 'done'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={stage === 'confirm' && typed.trim() !== keySet.name}
      cancellable={stage !== 'done'}
    >
      {stage === 'explain' ? (
        <>
          <p>
            Crypto-erase destroys the access key of <strong>{keySet.name}</strong>: every copy on an inserted drive is
            overwritten with random bytes, then zeros, and deleted. Data the storage system encrypted under this key
            becomes undecipherable, and encryption can then only be turned off this way.
          </p>
          <p className="warn-text">
            Insert every drive that holds a copy now: copies on drives that are not inserted are not erased and stay
            wherever those drives are.
          </p>
        </>
      ) : stage === 'confirm' ? (
        <label>
          Type the key set name to confirm
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
        </label>
      ) : result ? (
        <div role="status">
          <p>
            Erased {result.erased.length} {result.erased.length === 1 ? 'copy' : 'copies'}.
          </p>
          {result.stillExisting.length > 0 ? (
            <>
              <p className="warn-text">These copies were not reachable and still exist:</p>
              <ul>
                {result.stillExisting.map((c) => (
                  <li key={c.id}>
                    {c.driveLabel} ({c.fileName}){c.keptAt ? `, kept at ${c.keptAt}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {result.failures.map((f) => (
            <p key={`${f.drive.id}${f.fileName}`} className="field-error">
              {f.drive.label}: {f.sentence}
            </p>
          ))}
        </div>
      ) : null}
    </Dialog>
  );
}
