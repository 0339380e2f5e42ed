import { createContext, useContext, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { FieldErrors } from './field-errors';
import { createWizardStore } from './wizard-store';
import type { WizardState, WizardStore } from './wizard-store';

/**
 * Each wizard type makes its context once; each opened wizard makes its store (on open,
 * gone on close) and provides it, so its step components read it without prop threading.
 */
export function createWizardContext<Step extends string, Data>() {
  const Context = createContext<WizardStore<Step, Data> | null>(null);
  function useWizard<T>(selector: (s: WizardState<Step, Data>) => T): T {
    const store = useContext(Context);
    if (!store) throw new Error('A wizard step was rendered outside its wizard.');
    return useStore(store, selector);
  }
  /**
   * A step's field sentences (from `fieldErrors`), shown once the field was changed or the
   * custodian tried to go on; `input` marks the field and `error` places its sentence.
   */
  function useFields<Field extends string>(errors: FieldErrors<Field>) {
    const base = useId();
    const touched = useWizard((s) => s.touched);
    const errorsShown = useWizard((s) => s.errorsShown);
    const visible = (field: Field) => (errorsShown || touched.includes(field) ? errors[field] : undefined);
    return {
      input: (field: Field) =>
        visible(field) ? { 'aria-invalid': true, 'aria-describedby': `${base}-${field}` } : { 'aria-invalid': false },
      error: (field: Field) => ({ id: `${base}-${field}`, message: visible(field) }),
    };
  }
  /** `start` gives the data, and the step when a wizard resumes where it was left. */
  function useNewWizardStore(
    steps: readonly Step[],
    start: () => { data: Data; step?: Step },
  ): WizardStore<Step, Data> {
    const [store] = useState(() => {
      const { data, step } = start();
      return createWizardStore(steps, data, step);
    });
    return store;
  }
  return { Provider: Context.Provider, useWizard, useFields, useNewWizardStore };
}
