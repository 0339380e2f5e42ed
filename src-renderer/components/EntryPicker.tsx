import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { EntryFilter as ListFilter, EntryView } from '../../src-main/contract';
import { useEntrySearch } from '../store/entry-choices';

export interface EntryPickerProps {
  /** What is picked ("First KEK (this site)"): the field's label and the list's name. */
  label: string;
  /** Which entries may be picked; OR-ed (e.g. KEKs and public KEKs). A constant or memoized array. */
  filters: readonly ListFilter[];
  /** The picked entry's label; '' for none. */
  value: string;
  onChange: (label: string) => void;
  /** Offers "None" (a second KEK, say); otherwise the first match is picked until the custodian picks another. */
  optional?: boolean;
  /** A few words after an entry's label ("partner site"). */
  note?: (entry: EntryView) => string;
  /** Why an entry is listed but cannot be picked ("waiting for its signed certificate"); null when it can. */
  unavailable?: (entry: EntryView) => string | null;
  /**
   * Labels already chosen, for a picker that adds to a list kept beside it (ChosenEntries): each
   * pick goes to onChange, nothing is put in for the custodian, and the field empties after a pick.
   */
  chosen?: readonly string[];
}

/**
 * Picks one keystore entry out of any number: the field searches as the custodian types (main
 * filters; the first PICKER_PAGE matches are listed) and says how many more match, instead of
 * a drop-down that silently stops at the first thousand. Arrow keys move through the list,
 * Enter picks, Escape closes the list (and only the list).
 */
export function EntryPicker({
  label,
  filters,
  value,
  onChange,
  optional = false,
  note,
  unavailable,
  chosen,
}: EntryPickerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const field = useRef<HTMLInputElement>(null);
  /** The custodian opened, typed or picked: the first match is no longer put in for them. */
  const touched = useRef(false);
  const { entries, matching } = useEntrySearch(filters, open ? query : '');
  const firstLabel = entries.find((e) => !unavailable?.(e))?.label ?? '';
  const adding = chosen !== undefined;
  useEffect(() => {
    if (!optional && !adding && !value && !open && !touched.current && firstLabel) onChange(firstLabel);
  }, [optional, adding, value, open, firstLabel]);
  // The choices in the list: "None" first when the field is optional and nothing is typed yet
  // (once the custodian types, Enter picks the first match, not "None").
  const offerNone = optional && !adding && !(open && query.trim());
  const options: (EntryView | null)[] = offerNone ? [null, ...entries] : entries;
  const isSelected = (entry: EntryView | null) =>
    adding ? !!entry && chosen.includes(entry.label) : (entry?.label ?? '') === value;
  const more = Math.max(0, matching - entries.length);

  const pick = (entry: EntryView | null) => {
    if (entry && unavailable?.(entry)) return;
    touched.current = true;
    onChange(entry?.label ?? '');
    setOpen(false);
    setQuery('');
    // The picked label stays selected: typing again starts a new search instead of extending it.
    requestAnimationFrame(() => field.current?.select());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      if (!open) return setOpen(true);
      setActive((a) => Math.min(options.length - 1, Math.max(0, a + move)));
    } else if (event.key === 'Enter' && open) {
      // Picks; the dialog around is not submitted.
      event.preventDefault();
      const chosen = options[active];
      if (chosen !== undefined) pick(chosen);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setQuery('');
    }
  };
  const optionId = (i: number) => `${id}-option-${i}`;
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  return (
    <div className="entry-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options.length ? optionId(active) : undefined}
        autoComplete="off"
        placeholder={adding ? 'Type to search, Enter to add' : optional ? 'None (type to search)' : 'Type to search'}
        value={open ? query : value}
        ref={field}
        onFocus={(e) => {
          setActive(0);
          e.target.select();
        }}
        onClick={() => {
          touched.current = true;
          setOpen(true);
        }}
        onChange={(e) => {
          touched.current = true;
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
          setQuery('');
        }}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="entry-picker-popup">
          <ul role="listbox" id={`${id}-list`} aria-label={label}>
            {options.map((entry, i) => {
              const why = entry ? unavailable?.(entry) : null;
              return (
                <li
                  key={entry?.id ?? 'none'}
                  id={optionId(i)}
                  role="option"
                  aria-selected={isSelected(entry)}
                  aria-disabled={why ? true : undefined}
                  className={i === active ? 'active' : undefined}
                  // mousedown, not click: the field keeps focus, so the list is not closed before the pick.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(entry);
                  }}
                >
                  {entry ? entry.label : 'None'}
                  {entry && note?.(entry) ? <span className="muted"> {note(entry)}</span> : null}
                  {why ? <span className="muted"> ({why})</span> : null}
                </li>
              );
            })}
          </ul>
          <p className="small muted" aria-live="polite">
            {entries.length === 0
              ? query.trim()
                ? `Nothing matches "${query.trim()}".`
                : 'Nothing to pick yet.'
              : more > 0
                ? `${more.toLocaleString('en-US')} more, type to narrow`
                : `${matching.toLocaleString('en-US')} ${matching === 1 ? 'match' : 'matches'}`}
          </p>
        </div>
      ) : null}
    </div>
  );
}
