import { afterEach, describe, expect, it, vi } from 'vitest';
import { screenFromHash, SCREENS } from '../../../../src-renderer/store/navigation';
import { attempt } from '../../../../src-renderer/store/attempt';
import { failure, ok, StationCode } from '../../../../src-main/contract';
import { freshAppStore } from '../app-store';

afterEach(() => vi.unstubAllGlobals());

describe('ui slice', () => {
  it('opens the screen the URL fragment names, and writes the fragment when going elsewhere', async () => {
    const store = await freshAppStore('#/usb-keys');
    expect(store.getState().screen).toBe('usb-keys');
    store.getState().go('audit');
    expect(store.getState().screen).toBe('audit');
    expect(location.hash).toBe('#/audit');
  });

  it('a notice belongs to the screen it was raised on', async () => {
    const store = await freshAppStore('#/keystore');
    store.getState().notify('error', 'The vault is locked.');
    store.getState().go('keystore');
    expect(store.getState().notice?.text).toBe('The vault is locked.');
    store.getState().go('dashboard');
    expect(store.getState().notice).toBeNull();
    store.getState().notify('info', 'Saved.');
    store.getState().clearNotice();
    expect(store.getState().notice).toBeNull();
  });

  it('reads any fragment as a known screen, the dashboard when unknown', () => {
    expect(screenFromHash('#/key-servers')).toBe('key-servers');
    expect(screenFromHash('#keystore')).toBe('keystore');
    expect(screenFromHash('#/nowhere')).toBe('dashboard');
    expect(screenFromHash('')).toBe('dashboard');
    expect(new Set(SCREENS.map((s) => s.id)).size).toBe(SCREENS.length);
  });
});

describe('attempt', () => {
  it('gives the value, or shows the sentence and gives null', async () => {
    const notify = vi.fn();
    expect(await attempt(Promise.resolve(ok(3)), notify)).toBe(3);
    expect(
      await attempt(Promise.resolve(failure(StationCode.HomeLocked, 'Another Custos uses this home.')), notify),
    ).toBeNull();
    expect(notify).toHaveBeenCalledWith('error', 'Another Custos uses this home.');
    expect(await attempt(undefined, notify)).toBeNull();
  });
});

describe('errors where the action was taken', () => {
  const tagged = <T>(promise: Promise<T>, action: string) =>
    Object.defineProperty(promise, 'action', { value: action }) as Promise<T> & { action: string };
  const refused = () =>
    Promise.resolve(failure(StationCode.HomeLocked, 'Another Custos uses this home.')) as Promise<
      ReturnType<typeof failure> | ReturnType<typeof ok<number>>
    >;

  it('an action started in an open dialog shows its code and sentence there, not in the banner', async () => {
    const store = await freshAppStore('#/keystore');
    store.getState().openPlace('create-kek');
    expect(await attempt(refused(), store.getState().notify)).toBeNull();
    expect(store.getState().notice).toBeNull();
    expect(store.getState().placeErrors['create-kek']).toEqual({
      kind: 'error',
      text: 'Another Custos uses this home.',
      code: StationCode.HomeLocked,
      action: undefined,
    });
    // A later success in the same dialog clears it.
    expect(await attempt(Promise.resolve(ok(1)), store.getState().notify)).toBe(1);
    expect(store.getState().placeErrors['create-kek']).toBeUndefined();
  });

  it('the innermost dialog gets the error; closing a dialog drops its error', async () => {
    const store = await freshAppStore('#/keystore');
    store.getState().openPlace('outer');
    store.getState().openPlace('inner');
    store.getState().notify('error', 'Refused.');
    expect(Object.keys(store.getState().placeErrors)).toEqual(['inner']);
    store.getState().closePlace('inner');
    expect(store.getState().placeErrors).toEqual({});
    expect(store.getState().places).toEqual(['outer']);
  });

  it('a dialog that closed while its call ran hands the error to the page', async () => {
    const store = await freshAppStore('#/keystore');
    store.getState().openPlace('export');
    let answer: (r: ReturnType<typeof failure>) => void = () => undefined;
    const pending = attempt(new Promise<ReturnType<typeof failure>>((r) => (answer = r)), store.getState().notify);
    store.getState().closePlace('export');
    answer(failure(StationCode.HomeLocked, 'Another Custos uses this home.'));
    await pending;
    expect(store.getState().notice?.text).toBe('Another Custos uses this home.');
  });

  it('a page banner goes when the same call later succeeds, not when another one does', async () => {
    const store = await freshAppStore('#/dashboard');
    await attempt(tagged(refused(), 'servers.checkAll'), store.getState().notify);
    expect(store.getState().notice).toMatchObject({ code: StationCode.HomeLocked, action: 'servers.checkAll' });
    await attempt(tagged(Promise.resolve(ok(1)), 'keystore.list'), store.getState().notify);
    expect(store.getState().notice).not.toBeNull();
    await attempt(tagged(Promise.resolve(ok(1)), 'servers.checkAll'), store.getState().notify);
    expect(store.getState().notice).toBeNull();
  });
  it("a background refresh's failure goes to the page banner, not into the open dialog", async () => {
    const store = await freshAppStore('#/keystore');
    store.getState().openPlace('create-kek');
    expect(await attempt(tagged(refused(), 'keystore.list'), store.getState().notify, 'refresh')).toBeNull();
    expect(store.getState().placeErrors).toEqual({});
    expect(store.getState().notice).toMatchObject({
      text: 'Another Custos uses this home.',
      code: StationCode.HomeLocked,
      action: 'keystore.list',
    });
    // The custodian's own call from the dialog still lands in the dialog.
    await attempt(tagged(refused(), 'keystore.createKek'), store.getState().notify);
    expect(store.getState().placeErrors['create-kek']).toMatchObject({ action: 'keystore.createKek' });
  });

  it("a background refresh's success leaves the dialog's error alone and clears its own banner", async () => {
    const store = await freshAppStore('#/keystore');
    await attempt(tagged(refused(), 'keystore.list'), store.getState().notify, 'refresh');
    store.getState().openPlace('create-kek');
    await attempt(tagged(refused(), 'keystore.createKek'), store.getState().notify);
    await attempt(tagged(Promise.resolve(ok(1)), 'keystore.list'), store.getState().notify, 'refresh');
    expect(store.getState().placeErrors['create-kek']).toMatchObject({ action: 'keystore.createKek' });
    expect(store.getState().notice).toBeNull();
  });

  it("a poll's failure is shown nowhere", async () => {
    const store = await freshAppStore('#/usb-keys');
    store.getState().openPlace('erase');
    expect(await attempt(tagged(refused(), 'usb.drives'), store.getState().notify, 'poll')).toBeNull();
    expect(store.getState().placeErrors).toEqual({});
    expect(store.getState().notice).toBeNull();
  });

  it("the store's re-reads (keys, servers, drives) report to the page while a dialog is open", async () => {
    const store = await freshAppStore('#/key-servers');
    const refusedApi = new Proxy(
      {},
      {
        get: (_t, domain) =>
          new Proxy({}, { get: (_u, call) => () => tagged(refused(), `${String(domain)}.${String(call)}`) }),
      },
    );
    store.setState({ api: refusedApi as never });
    store.getState().openPlace('add-server');
    await store.getState().loadServers();
    await store.getState().loadUsb();
    await store.getState().loadGroups();
    expect(store.getState().placeErrors).toEqual({});
    expect(store.getState().notice).toMatchObject({ code: StationCode.HomeLocked });
  });
});
