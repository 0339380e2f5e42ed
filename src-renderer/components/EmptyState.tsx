import type { ReactNode } from 'react';

/** What a screen shows before its capability exists: what will live here, and nothing made up. */
export function EmptyState({
  summary,
  capabilities,
  children,
}: {
  summary: string;
  capabilities: string[];
  children?: ReactNode;
}) {
  return (
    <section className="card empty-state" aria-label="Not available yet">
      <p className="empty-summary">{summary}</p>
      <h3>What will live here</h3>
      <ul>
        {capabilities.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p className="muted">Not in this build of Custos yet.</p>
      {children}
    </section>
  );
}
