import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

type KeystoreHandlers = Pick<
  Handlers,
  'keystore.list' | 'keystore.createKek' | 'keystore.createSecretKey' | 'keystore.setState' | 'keystore.setNotes' | 'keystore.destroy'
>;

export function keystoreHandlers({ keystore }: OpenStation): KeystoreHandlers {
  return {
    'keystore.list': () => keystore.list(),
    'keystore.createKek': (input) => keystore.createKek(input),
    'keystore.createSecretKey': (input) => keystore.createSecretKey(input),
    'keystore.setState': ({ label, state }) => keystore.setState(label, state),
    'keystore.setNotes': ({ label, notes }) => keystore.setNotes(label, notes),
    'keystore.destroy': ({ label, confirm }) => keystore.destroy(label, confirm),
  };
}
