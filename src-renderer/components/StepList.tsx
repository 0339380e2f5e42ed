import type { TestStep } from '../../src-main/contract';

/**
 * Test results step by step: what passed, what failed and what to do next. An `optional` probe
 * (IBM IPP: only some drives use it) that finds nothing is "not offered", not a red failure.
 */
export function StepList({ steps, label, optional }: { steps: TestStep[]; label: string; optional?: boolean }) {
  return (
    <ol className="steps" aria-label={label}>
      {steps.map((s) => (
        <li key={s.step} className={stepClass(s, optional)}>
          <span className={`pill ${pillClass(s, optional)}`}>{pillText(s, optional)}</span>
          <strong>{s.step}</strong>
          <div className="step-detail">{s.detail}</div>
          {s.advice ? <div className="step-advice">What to do: {s.advice}</div> : null}
        </li>
      ))}
    </ol>
  );
}

function stepClass(s: TestStep, optional?: boolean): string {
  if (s.ok) return 'step-ok';
  return s.code && !optional ? 'step-failed' : 'step-skipped';
}

function pillClass(s: TestStep, optional?: boolean): string {
  if (s.ok) return 'state-succeeded';
  if (optional) return 'probe-skipped';
  return s.code ? 'state-failed' : '';
}

function pillText(s: TestStep, optional?: boolean): string {
  if (s.ok) return 'ok';
  if (optional) return s.code ? 'not offered' : 'skipped';
  return s.code ? 'failed' : 'not run';
}
