import type { FormEvent, ReactNode } from 'react';
import { useApp } from '../store/app-store';
import { ActionError } from './ActionError';
import { useModal } from './use-modal';

/**
 * A modal form on the native <dialog>: focus moves in and is trapped, Escape cancels, and the
 * page behind is inert. Submitting runs onSubmit; the dialog stays open until the caller closes it.
 * Errors of the calls it makes show beside its buttons (`ActionError`), replacing its own `error` hint.
 */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** The form is not ready to submit (distinct from busy: the label stays). */
  disabled?: boolean;
  /** False once the work is done and only the primary button (Close) makes sense. */
  cancellable?: boolean;
  /** The form's own hint (a field left empty); main's error for the last action replaces it. */
  error?: string | null;
  children: ReactNode;
}) {
  const { ref, place } = useModal();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A new try: the last answer no longer applies.
    useApp.getState().clearPlaceError(place);
    props.onSubmit();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={props.title}
      onCancel={(e) => (e.preventDefault(), props.onClose())}
    >
      <form onSubmit={submit}>
        <h2>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <ActionError place={place} fallback={props.error} />
        <div className="dialog-actions">
          {props.cancellable === false ? null : (
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
          )}
          <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={props.busy || props.disabled}>
            {props.busy ? 'Working…' : props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
