import { describe, expect, it } from 'vitest';
import { failure, ok, ServerCode } from '../../../../src-main/contract';
import { createWizardStore } from '../../../../src-renderer/wizard/wizard-store';

type Step = 'one' | 'two' | 'three';
const STEPS: readonly Step[] = ['one', 'two', 'three'];
const open = (startAt?: Step) => createWizardStore(STEPS, { name: '', port: 5696 }, startAt);

describe('wizard store', () => {
  it('starts at the first step, or where a resumed wizard was left', () => {
    expect(open().getState().step).toBe('one');
    expect(open('three').getState().step).toBe('three');
    expect(() => createWizardStore([], {})).toThrow('A wizard needs at least one step.');
  });

  it('each opened wizard has its own store: nothing carries from one to the next', () => {
    const first = open();
    first.getState().patch({ name: 'SKLM primary' });
    first.getState().goTo('two');
    const second = open();
    expect(second.getState()).toMatchObject({ step: 'one', data: { name: '', port: 5696 }, touched: [] });
  });

  it('patch merges data and marks the fields the custodian changed', () => {
    const store = open();
    store.getState().patch({ name: 'a' });
    store.getState().patch({ port: 5697, name: 'ab' });
    expect(store.getState().data).toEqual({ name: 'ab', port: 5697 });
    expect(store.getState().touched).toEqual(['name', 'port']);
  });

  it('Next and Back meet each step fresh: no old failure, no sentences before the custodian acts', () => {
    const store = open();
    store.getState().patch({ name: '' });
    store.getState().showErrors();
    store.getState().fail('The key server did not answer.');
    store.getState().goTo('two');
    expect(store.getState()).toMatchObject({ step: 'two', error: null, touched: [], errorsShown: false });
    store.getState().showErrors();
    store.getState().back();
    expect(store.getState()).toMatchObject({ step: 'one', errorsShown: false });
    store.getState().back();
    expect(store.getState().step).toBe('one');
  });

  it('run is busy while the work runs, and not after, even when the work throws', async () => {
    const store = open();
    let finish = (_done: boolean) => {};
    const running = store.getState().run(() => new Promise<boolean>((resolve) => (finish = resolve)));
    expect(store.getState().busy).toBe(true);
    finish(true);
    expect(await running).toBe(true);
    expect(store.getState().busy).toBe(false);
    await expect(store.getState().run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(store.getState().busy).toBe(false);
  });

  it('call applies a success, shows a failure in the wizard, and treats no call as not done', async () => {
    const store = open();
    const applied: number[] = [];
    expect(
      await store.getState().call(
        () => Promise.resolve(ok(7)),
        (v) => void applied.push(v),
      ),
    ).toBe(true);
    expect(applied).toEqual([7]);
    const refused = await store.getState().call(
      () => Promise.resolve(failure(ServerCode.Unknown, 'No key server is named "x".')),
      (v: number) => void applied.push(v),
    );
    expect(refused).toBe(false);
    expect(store.getState().error).toBe('No key server is named "x".');
    // The contract's code goes with the sentence, and the next try starts clean.
    expect(store.getState().errorCode).toBe(ServerCode.Unknown);
    expect(
      await store.getState().call(
        () => undefined,
        () => void applied.push(0),
      ),
    ).toBe(false);
    expect(applied).toEqual([7]);
    expect(store.getState().busy).toBe(false);
    expect(store.getState().errorCode).toBeNull();
  });
});
