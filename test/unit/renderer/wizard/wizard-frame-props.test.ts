import { describe, expect, it, vi } from 'vitest';
import { wizardFrameProps } from '../../../../src-renderer/wizard/wizard-frame-props';
import { createWizardStore } from '../../../../src-renderer/wizard/wizard-store';

describe('the wizard frame props', () => {
  it("follow the wizard's state and give the current step's primary button, made only for that step", () => {
    const store = createWizardStore(['pick', 'review', 'done'] as const, { name: '' });
    const go = vi.fn();
    const review = vi.fn(() => ({ label: 'Create', go }));
    const primaries = {
      pick: () => ({ label: 'Next', disabled: true, go: () => store.getState().goTo('review') }),
      review,
      done: () => ({ label: 'Close', go }),
    };
    expect(wizardFrameProps(store.getState(), primaries)).toMatchObject({
      current: 0,
      error: null,
      errorCode: null,
      busy: false,
      primaryLabel: 'Next',
      primaryDisabled: true,
    });
    expect(review).not.toHaveBeenCalled();
    wizardFrameProps(store.getState(), primaries).onPrimary();
    store.getState().fail('The name is taken.', 'GROUP_EXISTS');
    const frame = wizardFrameProps(store.getState(), primaries);
    expect(frame).toMatchObject({
      current: 1,
      error: 'The name is taken.',
      errorCode: 'GROUP_EXISTS',
      primaryLabel: 'Create',
      primaryDisabled: undefined,
    });
    frame.onPrimary();
    expect(go).toHaveBeenCalledTimes(1);
  });
});
