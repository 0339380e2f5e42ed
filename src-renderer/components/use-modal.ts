import { useEffect, useRef } from 'react';

/** Opens a <dialog> as a modal on mount (focus moves in and is trapped) and closes it on unmount. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
