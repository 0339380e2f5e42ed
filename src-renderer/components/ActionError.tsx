import { useApp } from '../store/app-store';

/**
 * The error of the last action taken in a dialog, beside its buttons: the contract's code and
 * sentence from main, else the dialog's own hint (`fallback`). Main's answer replaces the hint.
 */
export function ActionError({ place, fallback }: { place: string; fallback?: string | null }) {
  const error = useApp((s) => s.placeErrors[place]);
  const text = error?.text ?? fallback;
  if (!text) return null;
  return (
    <p className="field-error action-error" role="alert" data-from={error ? 'main' : 'form'}>
      {error?.code ? <code className="error-code">{error.code}</code> : null} {text}
    </p>
  );
}
