import { useEffect, useId, useRef } from 'react';
import { useApp } from '../store/app-store';

/**
 * Opens a <dialog> as a modal on mount (focus moves in and is trapped) and closes it on
 * unmount, handing focus back to the element that opened it. While open, the dialog is the
 * place its actions' errors are shown (see `Notify`); the returned `place` names it.
 */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  const place = useId();
  useEffect(() => {
    const dialog = ref.current;
    // Whatever had focus when the dialog opened (the button that opened it) gets it back.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    useApp.getState().openPlace(place);
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      useApp.getState().closePlace(place);
      // The opener may have gone (a row re-rendered): then the screen's heading, not <body>.
      const target = opener?.isConnected ? opener : document.querySelector<HTMLElement>('.screen-header h1');
      target?.focus({ preventScroll: true });
    };
  }, [place]);
  return { ref, place };
}
