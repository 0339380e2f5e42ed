import { isRunning } from '../store/jobs-slice';
import { useApp } from '../store/app-store';

const CONNECTION_TEXT = {
  electron: 'Desktop app',
  connecting: 'Connecting…',
  open: 'Browser host · connected',
  lost: 'Browser host · connection lost',
  refused: 'Browser host · refused (no token)',
} as const;

/** The vault state; a click locks an open vault, or leads to the unlock form. */
function VaultIndicator() {
  const state = useApp((s) => s.vault?.state ?? s.snapshot?.vault);
  const lockVault = useApp((s) => s.lockVault);
  const go = useApp((s) => s.go);
  return (
    <span data-testid="vault-state">
      <span className="muted">Vault</span>{' '}
      <button
        type="button"
        className={`pill vault-${state ?? 'none'}`}
        title={state === 'unlocked' ? 'Lock the vault now' : 'Open the keystore to unlock or create the vault'}
        onClick={() => (state === 'unlocked' ? void lockVault() : go('keystore'))}
      >
        {state ?? '…'}
      </button>
    </span>
  );
}

export function StatusBar() {
  const snapshot = useApp((s) => s.snapshot);
  const connection = useApp((s) => s.connection);
  const running = useApp((s) => s.jobs.filter(isRunning).length);
  const panelOpen = useApp((s) => s.jobsPanelOpen);
  const toggle = useApp((s) => s.toggleJobsPanel);
  return (
    <footer className="status-bar" aria-label="Status">
      <span title="Station home">
        <span className="muted">Station</span> <code>{snapshot?.home ?? '…'}</code>
      </span>
      <VaultIndicator />
      <button
        type="button"
        className="link-button"
        aria-expanded={panelOpen}
        aria-controls="jobs-panel"
        aria-keyshortcuts="Alt+J"
        onClick={() => toggle()}
      >
        Jobs: {running === 0 ? 'none running' : `${running} running`}
      </button>
      <span className={`connection connection-${connection}`}>{CONNECTION_TEXT[connection]}</span>
      <span className="muted">v{snapshot?.version ?? '…'}</span>
    </footer>
  );
}
