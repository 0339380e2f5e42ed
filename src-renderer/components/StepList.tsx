import type { TestStep } from '../../src-main/contract';

/** Test results step by step: what passed, what failed and what to do next. */
export function StepList({ steps, label }: { steps: TestStep[]; label: string }) {
  return (
    <ol className="steps" aria-label={label}>
      {steps.map((s) => (
        <li key={s.step} className={s.ok ? 'step-ok' : s.code ? 'step-failed' : 'step-skipped'}>
          <span className={`pill ${s.ok ? 'state-succeeded' : s.code ? 'state-failed' : ''}`}>
            {s.ok ? 'ok' : s.code ? 'failed' : 'not run'}
          </span>
          <strong>{s.step}</strong>
          <div className="step-detail">{s.detail}</div>
          {s.advice ? <div className="step-advice">What to do: {s.advice}</div> : null}
        </li>
      ))}
    </ol>
  );
}
