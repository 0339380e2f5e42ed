import { useApp } from '../store/app-store';

/**
 * The error of the last action taken in a dialog, beside its buttons: the contract's code and
 * sentence from main, else the dialog's own hint (`fallback`). Main's answer replaces the hint.
 */
export function ActionError({
  place,
  fallback,
  fallbackCode,
}: {
  place: string;
  fallback?: string | null;
  /** The code of `fallback` when it is main's answer kept by a wizard. */
  fallbackCode?: string | null;
}) {
  const error = useApp((s) => s.placeErrors[place]);
  const text = error?.text ?? fallback;
  const code = error ? error.code : fallbackCode;
  if (!text) return null;
  return (
    <p className="field-error action-error" role="alert" data-from={error ? 'main' : 'form'}>
      {code ? <code className="error-code">{code}</code> : null} {text}
    </p>
  );
}
