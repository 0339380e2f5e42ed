import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

export function settingsHandlers({ settings }: OpenStation): Pick<Handlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (change) => settings.set(change),
  };
}
