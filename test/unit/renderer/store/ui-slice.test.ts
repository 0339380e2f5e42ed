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
