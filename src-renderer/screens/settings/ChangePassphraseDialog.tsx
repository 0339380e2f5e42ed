import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';

const MIN_PASSPHRASE = 10;

/**
 * Current, new and repeated passphrase go to main once and are cleared here; the vault's own
 * refusal (WRONG_PASSPHRASE, PASSPHRASE_UNCHANGED, ...) is shown in the dialog, not behind it.
 */
export function ChangePassphraseDialog({ onClose }: { onClose: () => void }) {
  const changePassphrase = useApp((s) => s.changePassphrase);
  const busy = useApp((s) => s.vaultBusy);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const tooShort = [...next].length < MIN_PASSPHRASE;
  const mismatch = repeat.length > 0 && repeat !== next;

  const submit = async () => {
    if (done) return onClose();
    if (!current || tooShort || repeat !== next) return;
    const refusal = await changePassphrase(current, next);
    setCurrent('');
    if (refusal) return setError(refusal);
    setNext('');
    setRepeat('');
    setError(null);
    setDone(true);
  };

  return (
    <Dialog
      title="Change the master passphrase"
      submitLabel={done ? 'Close' : 'Change passphrase'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!done && (!current || tooShort || repeat !== next)}
      cancellable={!done}
    >
      {done ? (
        <p role="status">The master passphrase was changed. The keys themselves are unchanged.</p>
      ) : (
        <>
          <p className="muted">
            Only the vault key is wrapped again under the new passphrase; every key stays as it is. Use the new one from
            the next unlock.
          </p>
          <label>
            Current passphrase
            <input
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => (setCurrent(e.target.value), setError(null))}
              autoFocus
            />
          </label>
          <label>
            New passphrase
            <input
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => (setNext(e.target.value), setError(null))}
            />
          </label>
          <label>
            Repeat the new passphrase
            <input
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => (setRepeat(e.target.value), setError(null))}
              aria-invalid={mismatch}
            />
          </label>
          <p className="hint" aria-live="polite">
            {next && tooShort
              ? `${MIN_PASSPHRASE - [...next].length} more characters needed.`
              : mismatch
                ? 'The two new passphrases differ.'
                : ' '}
          </p>
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
