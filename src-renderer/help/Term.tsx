import type { ReactNode } from 'react';
import { useApp } from '../store/app-store';
import { GLOSSARY_BY_ID } from './glossary';
import type { TermId } from './glossary';

/** A term as the screen shows it, with a small "?" that opens the glossary at its entry. */
export function Term({ id, children }: { id: TermId; children: ReactNode }) {
  const openHelp = useApp((s) => s.openHelp);
  const entry = GLOSSARY_BY_ID.get(id);
  return (
    <span className="term">
      {children}
      <button
        type="button"
        className="term-help"
        aria-label={`What is ${entry?.term ?? id}?`}
        title={`What is ${entry?.term ?? id}?`}
        data-term-help={id}
        onClick={(e) => {
          // Inside a <label> or <summary>, the click would otherwise toggle the control too.
          e.preventDefault();
          e.stopPropagation();
          openHelp(id);
        }}
      >
        ?
      </button>
    </span>
  );
}
