import type { FormEvent, ReactNode } from 'react';
import { useModal } from '../components/use-modal';

/**
 * The frame every wizard uses: a modal with its steps listed (the current one marked), the
 * step's body, and Back / primary / Cancel. Escape cancels.
 */
export function WizardFrame(props: {
  title: string;
  stepNames: readonly string[];
  current: number;
  error: string | null;
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
  const ref = useModal();
  const submit = (event: FormEvent) => {
    event.preventDefault();
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
        {props.error ? (
          <p className="field-error" role="alert">
            {props.error}
          </p>
        ) : null}
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
