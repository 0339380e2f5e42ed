import { useEffect, useRef } from 'react';
import { useApp } from '../store/app-store';

/**
 * The browser host went away: a modal over everything (open dialogs included, since it is the
 * last one in the top layer) so no button looks live. It goes by itself if the connection
 * comes back; a restarted host has a new launch token, hence the reload.
 */
export function HostStopped() {
  const lost = useApp((s) => s.connection === 'lost');
  if (!lost) return null;
  return <HostStoppedDialog />;
}

function HostStoppedDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog host-stopped"
      role="alertdialog"
      aria-labelledby="host-stopped-title"
      aria-describedby="host-stopped-text"
      // Escape must not hide it: nothing behind it works.
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id="host-stopped-title">Custos has stopped</h2>
      <p id="host-stopped-text">
        Custos has stopped; restart it (<code>npm start</code> or <code>custos serve</code>) and reload this page with
        the address it prints. Nothing on this page works until then.
      </p>
      <p className="muted" role="status">
        Trying to reconnect…
      </p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    </dialog>
  );
}
