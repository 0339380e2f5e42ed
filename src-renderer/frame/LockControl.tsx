import { useEffect } from 'react';
import { useApp } from '../store/app-store';

/**
 * The Lock button at the top of every screen while the vault is open, and Ctrl+L (Cmd+L on a
 * Mac) from anywhere: a custodian stepping away locks in one move, without hunting for the
 * status bar's pill.
 */
export function LockControl() {
  const state = useApp((s) => s.vault?.state);
  const busy = useApp((s) => s.vaultBusy);
  const lockVault = useApp((s) => s.lockVault);
  if (state !== 'unlocked') return null;
  return (
    <div className="app-header">
      <button
        type="button"
        className="lock-button"
        aria-keyshortcuts="Control+L"
        title="Lock the vault (Ctrl+L)"
        disabled={busy}
        onClick={() => void lockVault()}
      >
        Lock the vault <kbd aria-hidden="true">Ctrl L</kbd>
      </button>
    </div>
  );
}

/** Ctrl+L locks an open vault wherever focus is (it would otherwise move to the browser's address bar). */
export function useLockShortcut() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.code !== 'KeyL') return;
      const { vault, lockVault } = useApp.getState();
      if (vault?.state !== 'unlocked') return;
      event.preventDefault();
      void lockVault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
