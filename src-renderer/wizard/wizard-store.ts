import { createStore } from 'zustand/vanilla';
import type { Result } from '../../src-main/contract';
import type { StoreApi } from 'zustand/vanilla';

/**
 * The state every wizard shares: where it is, its collected data, and whether a step is
 * working. Each open wizard gets its own store (created when it opens, dropped when it
 * closes), so a half-finished wizard never leaks into the app store.
 */
export interface WizardState<Step extends string, Data> {
  steps: readonly Step[];
  step: Step;
  data: Data;
  busy: boolean;
  error: string | null;
  /** The contract's code of `error`, when main gave one. */
  errorCode: string | null;
  /** Fields the custodian has changed on this step: their sentences show as soon as they fail. */
  touched: readonly string[];
  /** Set when the custodian tried to go on with a field still failing: every sentence shows. */
  errorsShown: boolean;
  patch(partial: Partial<Data>): void;
  showErrors(): void;
  goTo(step: Step): void;
  back(): void;
  /** Runs a step's work with busy/error handling; resolves to whether it succeeded. */
  run(work: () => Promise<boolean>): Promise<boolean>;
  /** One contract call as a step's work: its failure sentence shown in the wizard, `then` on success. */
  call<T>(
    request: () => Promise<Result<T> | undefined> | undefined,
    then: (value: T) => void | Promise<void>,
  ): Promise<boolean>;
  fail(message: string, code?: string): void;
}

export type WizardStore<Step extends string, Data> = StoreApi<WizardState<Step, Data>>;

/** A step is met fresh: no failure from the last one, no sentences before the custodian acts. */
const onArrival = { error: null, errorCode: null, touched: [], errorsShown: false } as const;

export function createWizardStore<Step extends string, Data>(
  steps: readonly Step[],
  initial: Data,
  startAt?: Step,
): WizardStore<Step, Data> {
  const first = startAt ?? steps[0];
  if (first === undefined) throw new Error('A wizard needs at least one step.');
  return createStore<WizardState<Step, Data>>()((set, get) => ({
    steps,
    step: first,
    data: initial,
    busy: false,
    error: null,
    errorCode: null,
    touched: [],
    errorsShown: false,
    patch: (partial) =>
      set((s) => ({
        data: { ...s.data, ...partial },
        touched: [...new Set([...s.touched, ...Object.keys(partial)])],
      })),
    showErrors: () => set({ errorsShown: true }),
    goTo: (step) => set({ step, ...onArrival }),
    back() {
      const i = get().steps.indexOf(get().step);
      const previous = get().steps[i - 1];
      if (previous !== undefined) set({ step: previous, ...onArrival });
    },
    async run(work) {
      set({ busy: true, error: null, errorCode: null });
      try {
        return await work();
      } finally {
        set({ busy: false });
      }
    },
    call(request, then) {
      return get().run(async () => {
        const result = await request();
        if (!result) return false;
        if (!result.ok) {
          set({ error: result.message, errorCode: result.code });
          return false;
        }
        await then(result.value);
        return true;
      });
    },
    fail: (message, code) => set({ error: message, errorCode: code ?? null }),
  }));
}
