/** A field's sentence, beside it; the field points here with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field-error small field-message">
      {message}
    </p>
  ) : null;
}
