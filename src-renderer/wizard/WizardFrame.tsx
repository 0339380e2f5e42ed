import type { FormEvent, ReactNode } from 'react';
import { ActionError } from '../components/ActionError';
import { useModal } from '../components/use-modal';
import { useApp } from '../store/app-store';

/**
 * The frame every wizard uses: a modal with its steps listed (the current one marked), the
 * step's body, and Back / primary / Cancel. Escape cancels.
 */
export function WizardFrame(props: {
  title: string;
  stepNames: readonly string[];
  current: number;
  error: string | null;
  /** The contract's code of `error`, shown beside it. */
  errorCode?: string | null;
  busy: boolean;
  primaryLabel: string;
  primaryDisabled?: boolean;
  onPrimary: () => void;
  onBack?: () => void;
  onCancel: () => void;
  /** False on a last step whose primary button already closes: one way out, not two. */
  showCancel?: boolean;
  children: ReactNode;
}) {
  const { ref, place } = useModal();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    useApp.getState().clearPlaceError(place);
    if (!props.busy && !props.primaryDisabled) props.onPrimary();
  };
  return (
    <dialog
      ref={ref}
      className="dialog wizard"
      aria-label={props.title}
      onCancel={(e) => (e.preventDefault(), props.onCancel())}
    >
      <form onSubmit={submit}>
        <h2>{props.title}</h2>
        <ol className="wizard-steps">
          {props.stepNames.map((name, i) => (
            <li
              key={name}
              aria-current={i === props.current ? 'step' : undefined}
              className={i < props.current ? 'done' : undefined}
            >
              {name}
            </li>
          ))}
        </ol>
        <div className="wizard-body">{props.children}</div>
        <ActionError place={place} fallback={props.error} fallbackCode={props.errorCode} />
        <div className="dialog-actions">
          {props.showCancel !== false ? (
            <button type="button" onClick={props.onCancel}>
              Cancel
            </button>
          ) : null}
          {props.onBack ? (
            <button type="button" onClick={props.onBack} disabled={props.busy}>
              Back
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={props.busy || props.primaryDisabled}>
            {props.busy ? 'Working…' : props.primaryLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
