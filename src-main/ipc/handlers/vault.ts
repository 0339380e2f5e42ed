import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

type VaultHandlers = Pick<
  Handlers,
  | 'vault.status'
  | 'vault.create'
  | 'vault.unlock'
  | 'vault.lock'
  | 'vault.changePassphrase'
  | 'vault.setAutoLock'
  | 'vault.forget'
>;

export function vaultHandlers(station: OpenStation): VaultHandlers {
  const { vault } = station;
  return {
    'vault.status': () => station.vaultStatus(),
    'vault.create': async ({ passphrase }) => {
      await vault.create(passphrase);
      return station.vaultStatus();
    },
    'vault.unlock': async ({ passphrase, remember }) => {
      await vault.unlock(passphrase);
      if (remember) vault.remember();
      return station.vaultStatus();
    },
    'vault.lock': () => {
      vault.lock();
      return station.vaultStatus();
    },
    'vault.changePassphrase': async ({ current, next }) => {
      await vault.changePassphrase(current, next);
      return station.vaultStatus();
    },
    'vault.setAutoLock': ({ minutes }) => {
      vault.setAutoLock(minutes);
      return station.vaultStatus();
    },
    'vault.forget': () => {
      vault.forget();
      return station.vaultStatus();
    },
  };
}
