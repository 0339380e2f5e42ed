import { isRunning } from '../store/jobs-slice';
import { useApp } from '../store/app-store';

const CONNECTION_TEXT = {
  electron: 'Desktop app',
  connecting: 'Connecting…',
  open: 'Browser host · connected',
  lost: 'Browser host · connection lost',
  refused: 'Browser host · refused (no token)',
} as const;

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
      <span data-testid="vault-state">
        <span className="muted">Vault</span> <span className={`pill vault-${snapshot?.vault ?? 'none'}`}>{snapshot?.vault ?? '…'}</span>
      </span>
      <button type="button" className="link-button" aria-expanded={panelOpen} aria-controls="jobs-panel" aria-keyshortcuts="Alt+J" onClick={() => toggle()}>
        Jobs: {running === 0 ? 'none running' : `${running} running`}
      </button>
      <span className={`connection connection-${connection}`}>{CONNECTION_TEXT[connection]}</span>
      <span className="muted">v{snapshot?.version ?? '…'}</span>
    </footer>
  );
}
