import type { WizardState } from './wizard-store';

/** What a step's primary button says, whether it can be pressed, and what it does. */
export interface PrimaryAction {
  label: string;
  disabled?: boolean;
  go: () => void;
}

/**
 * The WizardFrame props that follow the wizard's state, said once for every wizard: where it
 * stands among its steps, its error and code, whether a step is working, and the primary button
 * of the step shown (one entry per step; only the current step's is made).
 */
export function wizardFrameProps<Step extends string>(
  state: Pick<WizardState<Step, unknown>, 'steps' | 'step' | 'busy' | 'error' | 'errorCode'>,
  primaries: Record<Step, () => PrimaryAction>,
) {
  const primary = primaries[state.step]();
  return {
    current: state.steps.indexOf(state.step),
    error: state.error,
    errorCode: state.errorCode,
    busy: state.busy,
    primaryLabel: primary.label,
    primaryDisabled: primary.disabled,
    onPrimary: primary.go,
  };
}
