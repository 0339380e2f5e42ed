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
  | 'vault.remember'
>;

/** Every change answers with the vault's status, so the window shows what is true now. */
export function vaultHandlers({ vault }: OpenStation): VaultHandlers {
  return {
    'vault.status': () => vault.status(),
    'vault.create': ({ passphrase }) => vault.create(passphrase),
    'vault.unlock': ({ passphrase, remember }) => vault.unlock(passphrase, remember),
    'vault.lock': () => vault.lock(),
    'vault.changePassphrase': ({ current, next }) => vault.changePassphrase(current, next),
    'vault.setAutoLock': ({ minutes }) => vault.setAutoLock(minutes),
    'vault.forget': () => vault.forget(),
    'vault.remember': () => {
      vault.remember();
      return vault.status();
    },
  };
}
