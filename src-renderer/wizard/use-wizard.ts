import { createContext, useContext, useState } from 'react';
import { useStore } from 'zustand';
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
  return { Provider: Context.Provider, useWizard, useNewWizardStore };
}
