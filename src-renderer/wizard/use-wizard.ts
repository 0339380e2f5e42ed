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
  function useNewWizardStore(steps: readonly Step[], initial: () => Data): WizardStore<Step, Data> {
    const [store] = useState(() => createWizardStore(steps, initial()));
    return store;
  }
  return { Provider: Context.Provider, useWizard, useNewWizardStore };
}
