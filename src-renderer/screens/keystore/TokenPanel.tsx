import { useEffect, useMemo, useState } from 'react';
import type { StationTokenView } from '../../../src-main/contract';
import { useApp } from '../../store/app-store';

/**
 * PKCS#11 tokens beside the vault: the slots main found, the tokens added here, log in and out.
 * The PIN field is emptied as soon as the PIN is sent; nothing about it comes back.
 */
export function TokenPanel() {
  const tokens = useApp((s) => s.tokens);
  const modules = useApp((s) => s.tokenModules);
  const loadTokens = useApp((s) => s.loadTokens);
  const loadTokenModules = useApp((s) => s.loadTokenModules);
  const addToken = useApp((s) => s.addToken);
  useEffect(() => {
    void loadTokens();
    void loadTokenModules();
  }, [loadTokens, loadTokenModules]);
  const slots = useMemo(
    () =>
      modules.flatMap((m) =>
        m.slots.flatMap((slot) =>
          slot.token && slot.token.flags.includes('initialized')
            ? [{ key: `${m.path}|${slot.token.label}`, module: m, slot, token: slot.token }]
            : [],
        ),
      ),
    [modules],
  );
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const chosen = slots.find((s) => s.key === choice);
  return (
    <section className="card token-panel" aria-label="Tokens">
      <h2>Tokens</h2>
      {tokens.length === 0 ? (
        <p className="muted">
          No PKCS#11 token is added to this station. Pick an initialised token under "Slots found" and add it by name.
        </p>
      ) : null}
      <ul className="token-list">
        {tokens.map((t) => (
          <TokenRow key={t.name} token={t} />
        ))}
      </ul>
      <h3>Slots found</h3>
      {slots.length === 0 ? (
        <p className="muted">
          No initialised token in the PKCS#11 modules installed here. Initialise one with the token's own tool first.
        </p>
      ) : (
        <ul className="slot-list" aria-label="Slots">
          {slots.map((s) => (
            <li key={s.key}>
              <strong>{s.token.label}</strong>{' '}
              <span className="muted">
                {s.token.manufacturer} {s.token.model} · serial {s.token.serial} · slot {s.slot.slotId} ·{' '}
                {s.token.flags.join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="token-add"
        aria-label="Add a token"
        onSubmit={(e) => {
          e.preventDefault();
          if (!chosen || !name.trim()) return;
          void addToken(name.trim(), chosen.module.path, chosen.token.label).then((ok) => ok && setName(''));
        }}
      >
        <select aria-label="Token to add" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a token…</option>
          {slots.map((s) => (
            <option key={s.key} value={s.key}>
              {s.token.label} ({s.module.manufacturer})
            </option>
          ))}
        </select>
        <input
          aria-label="Token name"
          placeholder="Name on this station"
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={!chosen || !name.trim()}>
          Add token
        </button>
      </form>
    </section>
  );
}

function TokenRow({ token }: { token: StationTokenView }) {
  const loginToken = useApp((s) => s.loginToken);
  const logoutToken = useApp((s) => s.logoutToken);
  const adoptTokenKeys = useApp((s) => s.adoptTokenKeys);
  const notify = useApp((s) => s.notify);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const logIn = async () => {
    const sent = pin;
    setPin('');
    setBusy(true);
    await loginToken(token.name, sent);
    setBusy(false);
  };
  return (
    <li className="token-row" aria-label={`Token ${token.name}`}>
      <div>
        <strong>{token.name}</strong>{' '}
        <span className={`pill ${token.loggedIn ? 'entry-active' : token.present ? '' : 'entry-compromised'}`}>
          {token.loggedIn ? 'logged in' : token.present ? 'present' : 'absent'}
        </span>{' '}
        <span className="muted">
          label {token.tokenLabel} · {token.manufacturer} {token.model} · serial {token.serial || '-'} · {token.entries}{' '}
          {token.entries === 1 ? 'entry' : 'entries'}
        </span>
      </div>
      {token.loggedIn ? (
        <div className="actions">
          <button
            onClick={() =>
              void adoptTokenKeys(token.name).then(
                (adopted) =>
                  adopted &&
                  notify(
                    'info',
                    adopted.length === 0
                      ? `"${token.name}" holds no key pair this station does not already know.`
                      : `Adopted ${adopted.map((e) => `"${e.label}"`).join(', ')} from "${token.name}".`,
                  ),
              )
            }
          >
            Adopt keys
          </button>
          <button onClick={() => void logoutToken(token.name)}>Log out</button>
        </div>
      ) : (
        <form
          className="actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (pin) void logIn();
          }}
        >
          <input
            type="password"
            aria-label={`User PIN of ${token.name}`}
            placeholder="User PIN"
            autoComplete="off"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            disabled={busy || !token.present}
          />
          <button type="submit" disabled={busy || !pin}>
            Log in
          </button>
        </form>
      )}
    </li>
  );
}
