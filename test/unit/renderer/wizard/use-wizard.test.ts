import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createWizardContext } from '../../../../src-renderer/wizard/use-wizard';
import { FieldError } from '../../../../src-renderer/wizard/FieldError';
import { createWizardStore } from '../../../../src-renderer/wizard/wizard-store';
import type { WizardStore } from '../../../../src-renderer/wizard/wizard-store';

// React on Node, without a DOM: rendering runs the hooks, which is what these tests are about.
type Step = 'server' | 'save';
const Wizard = createWizardContext<Step, { name: string; address: string }>();

function StepView({ errors }: { errors: { name?: string; address?: string } }) {
  const name = Wizard.useWizard((s) => s.data.name);
  const fields = Wizard.useFields(errors);
  return createElement(
    'div',
    null,
    createElement('input', { value: name, readOnly: true, ...fields.input('name') }),
    createElement(FieldError, fields.error('name')),
    createElement('input', { readOnly: true, ...fields.input('address') }),
    createElement(FieldError, fields.error('address')),
  );
}

/** An opened wizard: its store is made on mount from `start`, and lives only as long as the component. */
function OpenWizard(props: {
  start: () => { data: { name: string; address: string }; step?: Step };
  opened: (store: WizardStore<Step, { name: string; address: string }>) => void;
  errors?: { name?: string; address?: string };
}) {
  const store = Wizard.useNewWizardStore(['server', 'save'], props.start);
  props.opened(store);
  return createElement(Wizard.Provider, { value: store }, createElement(StepView, { errors: props.errors ?? {} }));
}

describe('wizard context', () => {
  it('makes a store when a wizard opens, and a new one when it opens again', () => {
    const stores: WizardStore<Step, { name: string; address: string }>[] = [];
    let starts = 0;
    const start = () => (starts++, { data: { name: '', address: '' } });
    renderToStaticMarkup(createElement(OpenWizard, { start, opened: (s) => stores.push(s) }));
    stores[0]?.getState().patch({ name: 'half-done' });
    renderToStaticMarkup(createElement(OpenWizard, { start, opened: (s) => stores.push(s) }));
    expect(starts).toBe(2);
    expect(stores[1]).not.toBe(stores[0]);
    expect(stores[1]?.getState().data.name).toBe('');
  });

  it('resumes at the step the start gives', () => {
    let opened: WizardStore<Step, { name: string; address: string }> | undefined;
    const html = renderToStaticMarkup(
      createElement(OpenWizard, {
        start: () => ({ data: { name: 'SKLM primary', address: '' }, step: 'save' as const }),
        opened: (s) => (opened = s),
      }),
    );
    expect(opened?.getState().step).toBe('save');
    expect(html).toContain('value="SKLM primary"');
  });

  it('refuses a step rendered outside its wizard', () => {
    expect(() => renderToStaticMarkup(createElement(StepView, { errors: {} }))).toThrow(
      'A wizard step was rendered outside its wizard.',
    );
  });

  it('shows a field sentence once the field was changed, or every sentence once the custodian tried to go on', () => {
    const errors = { name: 'Required.', address: 'At most 255 characters.' };
    const render = (touched: string[], errorsShown: boolean) => {
      const store = createWizardStore<Step, { name: string; address: string }>(['server', 'save'], {
        name: '',
        address: '',
      });
      store.setState({ touched, errorsShown });
      // Server rendering reads a store's initial state; this one's initial state is its state now.
      const now = { ...store, getInitialState: store.getState };
      return renderToStaticMarkup(createElement(Wizard.Provider, { value: now }, createElement(StepView, { errors })));
    };
    const untouched = render([], false);
    expect(untouched).not.toContain('Required.');
    expect(untouched).not.toContain('aria-invalid="true"');

    const touched = render(['name'], false);
    expect(touched).toContain('Required.');
    expect(touched).not.toContain('At most 255 characters.');
    const described = /aria-invalid="true" aria-describedby="([^"]+)"/.exec(touched)?.[1];
    expect(described).toBeDefined();
    expect(touched).toContain(`<p id="${described}" class="field-error small field-message">Required.</p>`);

    const shown = render([], true);
    expect(shown).toContain('Required.');
    expect(shown).toContain('At most 255 characters.');
  });
});
