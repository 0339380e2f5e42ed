import type { StandingWarning } from '../../src-main/contract';

export function Warnings({ warnings, label }: { warnings: StandingWarning[]; label: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="warnings" aria-label={label}>
      {warnings.map((w) => (
        <li key={`${w.code}-${w.sentence}`} className={`warning-${w.severity}`}>
          <span className={`pill severity-${w.severity}`}>{w.severity}</span> {w.sentence}
        </li>
      ))}
    </ul>
  );
}
