import { useEffect, useRef, useState } from 'react';
import type { UsbKeyCopyView } from '../../../src-main/contract';
import { useApp } from '../../store/app-store';

type Field = 'keptAt' | 'custodian';
type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** How long "Saved" stays beside the field. */
const SAVED_SHOWN_MS = 2500;

/**
 * One custody field of a copy (where it is kept, who holds it). Saved on Enter or when the field
 * is left, and says so beside it ("Saved", or the reason it was not), so nobody walks away from
 * a custody record they only believe was written.
 */
export function CustodyField(props: {
  copy: UsbKeyCopyView;
  field: Field;
  label: string;
  placeholder?: string;
  onSaved: () => void;
}) {
  const { copy, field, onSaved } = props;
  const api = useApp((s) => s.api);
  const [value, setValue] = useState(copy[field]);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const save = async () => {
    if (!api || value === copy[field] || state.kind === 'saving') return;
    setState({ kind: 'saving' });
    const r = await api.usb.setCustody({ copyId: copy.id, [field]: value });
    if (!r.ok) return setState({ kind: 'failed', message: r.message });
    setState({ kind: 'saved' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState({ kind: 'idle' }), SAVED_SHOWN_MS);
    onSaved();
  };
  const statusId = `custody-${copy.id}-${field}`;
  return (
    <div className="custody-field">
      <input
        aria-label={props.label}
        aria-describedby={statusId}
        aria-invalid={state.kind === 'failed'}
        value={value}
        placeholder={props.placeholder}
        onChange={(e) => {
          setValue(e.target.value);
          if (state.kind !== 'saving') setState({ kind: 'idle' });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
        }}
        onBlur={() => void save()}
      />
      <span id={statusId} role="status" className={state.kind === 'failed' ? 'field-error small' : 'small saved-note'}>
        {state.kind === 'saving'
          ? 'Saving…'
          : state.kind === 'saved'
            ? 'Saved'
            : state.kind === 'failed'
              ? state.message
              : ''}
      </span>
    </div>
  );
}
