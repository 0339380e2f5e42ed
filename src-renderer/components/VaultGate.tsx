import { useState } from 'react';
import { useApp } from '../store/app-store';

const MIN_PASSPHRASE = 10;

/** First run: create the vault. Later: unlock it. Passphrases go to main once and are cleared here. */
export function VaultGate() {
  const vault = useApp((s) => s.vault);
  if (!vault) return <p className="muted">Reading the vault…</p>;
  return vault.state === 'none' ? <CreateVault /> : <UnlockVault />;
}

function CreateVault() {
  const createVault = useApp((s) => s.createVault);
  const busy = useApp((s) => s.vaultBusy);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const tooShort = [...passphrase].length < MIN_PASSPHRASE;
  const mismatch = repeat.length > 0 && repeat !== passphrase;
  const submit = async () => {
    if (tooShort || mismatch || repeat !== passphrase) return;
    if (await createVault(passphrase)) {
      setPassphrase('');
      setRepeat('');
    }
  };
  return (
    <form className="card gate" onSubmit={(e) => (e.preventDefault(), void submit())} aria-labelledby="create-vault-h">
      <h2 id="create-vault-h">Create the station vault</h2>
      <p>
        Every key on this station is sealed under a master passphrase. Choose one of at least {MIN_PASSPHRASE}{' '}
        characters, and keep it where your key ceremony keeps secrets:{' '}
        <strong>without it, the keys in this vault cannot be used.</strong>
      </p>
      <label>
        Master passphrase
        <input
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoFocus
        />
      </label>
      <label>
        Repeat it
        <input
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          aria-invalid={mismatch}
        />
      </label>
      <p className="hint" aria-live="polite">
        {passphrase && tooShort
          ? `${MIN_PASSPHRASE - [...passphrase].length} more characters needed.`
          : mismatch
            ? 'The two passphrases differ.'
            : ' '}
      </p>
      <button type="submit" className="primary" disabled={busy || tooShort || repeat !== passphrase}>
        {busy ? 'Hardening the passphrase…' : 'Create vault'}
      </button>
    </form>
  );
}

function UnlockVault() {
  const unlockVault = useApp((s) => s.unlockVault);
  const busy = useApp((s) => s.vaultBusy);
  const keychainUnavailable = useApp((s) => s.vault?.keychainUnavailable ?? null);
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = async () => {
    if (!passphrase) return;
    await unlockVault(passphrase, remember);
    setPassphrase('');
  };
  return (
    <form className="card gate" onSubmit={(e) => (e.preventDefault(), void submit())} aria-labelledby="unlock-h">
      <h2 id="unlock-h">The vault is locked</h2>
      <p>Enter the master passphrase to use the keys on this station.</p>
      <label>
        Master passphrase
        <input
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoFocus
        />
      </label>
      <label className="check" title={keychainUnavailable ?? undefined}>
        <input
          type="checkbox"
          checked={remember}
          disabled={keychainUnavailable !== null}
          onChange={(e) => setRemember(e.target.checked)}
        />
        Remember on this computer (OS keychain)
      </label>
      {keychainUnavailable ? <p className="hint">{keychainUnavailable}</p> : null}
      <button type="submit" className="primary" disabled={busy || !passphrase}>
        {busy ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  );
}
