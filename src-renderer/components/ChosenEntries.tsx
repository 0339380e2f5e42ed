import type { EntryFilter as ListFilter, EntryView } from '../../src-main/contract';
import { toggled } from '../store/entry-filters';
import { EntryPicker } from './EntryPicker';

export interface ChosenEntriesProps {
  /** What is chosen ("Keys to back up"): the picker's label and the chosen list's name. */
  label: string;
  /** Which entries may be chosen; OR-ed. A constant or memoized array. */
  filters: readonly ListFilter[];
  chosen: readonly string[];
  onChange: (labels: string[]) => void;
  note?: (entry: EntryView) => string;
  unavailable?: (entry: EntryView) => string | null;
  /** Said when nothing is chosen yet. */
  empty: string;
}

/**
 * Several keystore entries out of any number: an EntryPicker that adds each pick (picking a
 * chosen one again takes it out), and the chosen labels listed under it, each with Remove.
 */
export function ChosenEntries({ label, filters, chosen, onChange, note, unavailable, empty }: ChosenEntriesProps) {
  return (
    <div className="chosen-entries">
      <EntryPicker
        label={label}
        filters={filters}
        value=""
        chosen={chosen}
        note={note}
        unavailable={unavailable}
        onChange={(picked) => picked && onChange(toggled(chosen, picked))}
      />
      {chosen.length === 0 ? (
        <p className="small muted">{empty}</p>
      ) : (
        <ul className="chosen-list" aria-label={`${label}: chosen`}>
          {chosen.map((l) => (
            <li key={l}>
              <span>{l}</span>
              <button
                type="button"
                className="small"
                aria-label={`Remove ${l}`}
                onClick={() => onChange(toggled(chosen, l))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
