import { useState } from 'react';
import { CreateKekInputSchema, CreateSecretKeyInputSchema } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';
import { KeyGenProgress } from './KeyGenProgress';

/** Both forms validate with the contract's own schemas before anything is sent. */
export function CreateKekDialog({ onClose }: { onClose: () => void }) {
  const createKek = useApp((s) => s.createKek);
  const createTokenKek = useApp((s) => s.createTokenKek);
  const tokens = useApp((s) => s.tokens);
  const [store, setStore] = useState('vault');
  const [label, setLabel] = useState('');
  const [bits, setBits] = useState(3072);
  const [subject, setSubject] = useState('');
  const [days, setDays] = useState(3650);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const parsed = CreateKekInputSchema.safeParse({
      label,
      bits,
      days,
      ...(subject.trim() ? { subject: subject.trim() } : {}),
    });
    if (!parsed.success || !label.trim())
      return setError('Give a label (at most 64 characters), a key size and a validity in days.');
    setBusy(true);
    const created =
      store === 'vault' ? await createKek(parsed.data) : await createTokenKek({ ...parsed.data, token: store });
    setBusy(false);
    if (created) onClose();
  };
  return (
    <Dialog
      title="Create a KEK"
      submitLabel="Generate key pair"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
    >
      <p className="muted">
        An RSA key pair with a self-signed certificate, to wrap data keys (EEDKs). Generated on this station with native
        crypto.
      </p>
      <label>
        Key label
        <input
          value={label}
          maxLength={64}
          onChange={(e) => setLabel(e.target.value)}
          autoFocus
          placeholder="Finance Dept GL Key 1"
        />
      </label>
      <label>
        Store
        <select value={store} onChange={(e) => setStore(e.target.value)}>
          <option value="vault">The station vault</option>
          {tokens
            .filter((t) => t.loggedIn)
            .map((t) => (
              <option key={t.name} value={t.name}>
                Token {t.name} (the key never leaves it)
              </option>
            ))}
        </select>
      </label>
      <label>
        Key size
        <select value={bits} onChange={(e) => setBits(Number(e.target.value))}>
          <option value={2048}>RSA 2048</option>
          <option value={3072}>RSA 3072 (recommended)</option>
          <option value={4096}>RSA 4096</option>
        </select>
      </label>
      <label>
        Certificate subject <span className="muted">(optional)</span>
        <input
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          placeholder="CN=Finance KEK 1, O=Bank, C=CH"
        />
      </label>
      <label>
        Valid for (days)
        <input type="number" min={1} max={36500} value={days} onChange={(e) => setDays(Number(e.target.value))} />
      </label>
      {busy ? (
        <KeyGenProgress bits={bits} where={store === 'vault' ? 'on this station' : `on the token ${store}`} />
      ) : null}
    </Dialog>
  );
}

export function CreateSecretKeyDialog({ onClose }: { onClose: () => void }) {
  const createSecretKey = useApp((s) => s.createSecretKey);
  const [label, setLabel] = useState('');
  const [bits, setBits] = useState(256);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const parsed = CreateSecretKeyInputSchema.safeParse({ label, bits });
    if (!parsed.success || !label.trim()) return setError('Give a label of at most 64 characters.');
    setBusy(true);
    const created = await createSecretKey(parsed.data);
    setBusy(false);
    if (created) onClose();
  };
  return (
    <Dialog
      title="Create a secret key"
      submitLabel="Generate key"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
    >
      <label>
        Key label
        <input
          value={label}
          maxLength={64}
          onChange={(e) => setLabel(e.target.value)}
          autoFocus
          placeholder="Tape pool 7"
        />
      </label>
      <label>
        Key size
        <select value={bits} onChange={(e) => setBits(Number(e.target.value))}>
          <option value={128}>AES-128</option>
          <option value={192}>AES-192</option>
          <option value={256}>AES-256 (recommended)</option>
        </select>
      </label>
    </Dialog>
  );
}
