import { useEffect, useRef, useState } from 'react';
import { useModal } from '../components/use-modal';
import { useApp } from '../store/app-store';
import { searchGlossary } from './glossary';

/** The glossary, searchable, opened with F1 or "?" or from a term's "?"; it scrolls to that term. */
export function HelpDialog() {
  const help = useApp((s) => s.help);
  const closeHelp = useApp((s) => s.closeHelp);
  const { ref } = useModal();
  const [query, setQuery] = useState('');
  const entries = searchGlossary(query);
  const focusEntry = help && help !== 'all' ? help : null;
  const listRef = useRef<HTMLDListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Opened with F1 or "?": straight into the search (the modal would otherwise focus Close).
    if (!focusEntry) {
      searchRef.current?.focus();
      return;
    }
    setQuery('');
    const target = listRef.current?.querySelector<HTMLElement>(`[data-term="${focusEntry}"]`);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [focusEntry]);

  return (
    <dialog
      ref={ref}
      className="dialog help-dialog"
      aria-labelledby="help-title"
      onCancel={(e) => (e.preventDefault(), closeHelp())}
    >
      <div className="help-head">
        <h2 id="help-title">Help: words a custodian meets</h2>
        <button type="button" onClick={closeHelp} aria-label="Close help">
          Close
        </button>
      </div>
      <label className="help-search">
        <span>Search the glossary</span>
        <input
          type="search"
          ref={searchRef}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="KEK, EEDK, share…"
        />
      </label>
      {entries.length === 0 ? (
        <p className="muted" role="status">
          No entry matches "{query}". Try a shorter word, such as "key" or "server".
        </p>
      ) : (
        <dl className="glossary" ref={listRef}>
          {entries.map((e) => (
            <div
              key={e.id}
              className="glossary-entry"
              data-term={e.id}
              tabIndex={-1}
              aria-current={e.id === focusEntry ? 'true' : undefined}
            >
              <dt>{e.term}</dt>
              <dd>
                <p>{e.meaning}</p>
                <p className="muted">
                  <strong>Where you meet it in Custos: </strong>
                  {e.whereInCustos}
                </p>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="muted help-keys">
        <kbd>F1</kbd> or <kbd>?</kbd> opens this help from anywhere; <kbd>Esc</kbd> closes it.
      </p>
    </dialog>
  );
}
