import { useEffect, useState } from 'react';
import type { Theme } from '../../../src-main/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Term } from '../../help/Term';
import { useApp } from '../../store/app-store';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';

const THEMES: { value: Theme; title: string }[] = [
  { value: 'system', title: 'Same as this computer' },
  { value: 'light', title: 'Light' },
  { value: 'dark', title: 'Dark' },
];

/** How this station behaves. Every change goes to main, is checked there and written to the audit log. */
export function SettingsScreen() {
  return (
    <>
      <ScreenHeader title="Settings" subtitle="How this station behaves. Every change is recorded in the audit log." />
      <div className="settings-list">
        <VaultSettings />
        <AppearanceSettings />
        <KeyServerSettings />
      </div>
    </>
  );
}

function VaultSettings() {
  const vault = useApp((s) => s.vault);
  const busy = useApp((s) => s.vaultBusy);
  const setAutoLock = useApp((s) => s.setAutoLock);
  const setRemembered = useApp((s) => s.setRemembered);
  const [changing, setChanging] = useState(false);
  const noVault = !vault || vault.state === 'none';
  const keychainReason = vault?.keychainUnavailable ?? null;

  return (
    <section className="card" aria-labelledby="settings-vault-h">
      <h2 id="settings-vault-h">Vault</h2>
      {noVault ? <p className="muted">This station has no vault yet. Create it first on the Keystore screen.</p> : null}
      <div className="setting-row">
        <div className="setting-text">
          <strong>Master passphrase</strong>
          <p className="small muted">Asked at every unlock. Changing it keeps every key as it is.</p>
        </div>
        <div className="setting-control">
          <button type="button" disabled={noVault} onClick={() => setChanging(true)}>
            Change passphrase…
          </button>
        </div>
      </div>
      <MinutesSetting
        id="auto-lock"
        title="Auto-lock"
        sentence="The vault locks itself after this many idle minutes (0: never)."
        value={vault?.autoLockMinutes ?? null}
        disabled={noVault || busy}
        onSave={(minutes) => setAutoLock(minutes)}
      />
      <div className="setting-row">
        <div className="setting-text">
          <label className="check">
            <input
              type="checkbox"
              checked={vault?.remembered ?? false}
              disabled={noVault || busy || (keychainReason !== null && !vault?.remembered)}
              onChange={(e) => void setRemembered(e.target.checked)}
            />
            Remember on this computer
          </label>
          <p className="small muted">
            {keychainReason
              ? `Not available here: ${keychainReason}`
              : vault?.state !== 'unlocked' && !vault?.remembered
                ? 'Unlock the vault first: the vault key is what the OS keychain keeps.'
                : 'The vault key is kept in the OS keychain, and the vault opens without the passphrase for your account on this computer.'}
          </p>
        </div>
      </div>
      {changing ? <ChangePassphraseDialog onClose={() => setChanging(false)} /> : null}
    </section>
  );
}

function AppearanceSettings() {
  const theme = useApp((s) => s.settings?.theme ?? 'system');
  const changeSetting = useApp((s) => s.changeSetting);
  return (
    <section className="card" aria-labelledby="settings-look-h">
      <h2 id="settings-look-h">Appearance</h2>
      <fieldset className="choices">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value} className="inline">
            <input
              type="radio"
              name="theme"
              value={t.value}
              checked={theme === t.value}
              onChange={() => void changeSetting({ key: 'theme', value: t.value })}
            />
            <span>{t.title}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function KeyServerSettings() {
  const settings = useApp((s) => s.settings);
  const changeSetting = useApp((s) => s.changeSetting);
  return (
    <section className="card" aria-labelledby="settings-servers-h">
      <h2 id="settings-servers-h">Key servers</h2>
      <div className="setting-row">
        <div className="setting-text">
          <label className="check">
            <input
              type="checkbox"
              checked={settings?.kmipMessageLog ?? true}
              disabled={!settings}
              onChange={(e) => void changeSetting({ key: 'kmipMessageLog', value: e.target.checked })}
            />
            KMIP message log
          </label>
          <p className="small muted">
            Every <Term id="kmip">KMIP</Term> message this station exchanges, written to logs/kmip-messages.log with key
            material redacted. Useful when a key server refuses a request.
          </p>
        </div>
      </div>
      <MinutesSetting
        id="server-test"
        title="Test key retrieval every"
        sentence="While Custos runs, each key server is asked for a key at this interval (0: only when you ask)."
        value={settings?.serverTestMinutes ?? null}
        disabled={!settings}
        onSave={(minutes) => changeSetting({ key: 'serverTestMinutes', value: minutes })}
      />
    </section>
  );
}

/** Whole minutes, 0 to 1440, saved with a button so a half-typed number is never sent. */
function MinutesSetting(props: {
  id: string;
  title: string;
  sentence: string;
  value: number | null;
  disabled: boolean;
  onSave: (minutes: number) => Promise<unknown>;
}) {
  const [text, setText] = useState('');
  useEffect(() => setText(props.value === null ? '' : String(props.value)), [props.value]);
  const minutes = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  const valid = minutes >= 0 && minutes <= 1440;
  const changed = valid && minutes !== props.value;
  return (
    <form
      className="setting-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) void props.onSave(minutes);
      }}
    >
      <div className="setting-text">
        <label htmlFor={`${props.id}-minutes`}>
          <strong>{props.title}</strong>
        </label>
        <p className="small muted" id={`${props.id}-hint`}>
          {valid || text === '' ? props.sentence : 'Whole minutes from 0 to 1440.'}
        </p>
      </div>
      <div className="setting-control">
        <input
          id={`${props.id}-minutes`}
          type="number"
          min={0}
          max={1440}
          step={1}
          inputMode="numeric"
          value={text}
          disabled={props.disabled}
          aria-describedby={`${props.id}-hint`}
          aria-invalid={text !== '' && !valid}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="muted">min</span>
        <button type="submit" disabled={props.disabled || !changed}>
          Save
        </button>
      </div>
    </form>
  );
}
