import { fail, TokenCode } from '../../contract';
import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

type TokenHandlers = Pick<
  Handlers,
  | 'tokens.modules'
  | 'tokens.list'
  | 'tokens.add'
  | 'tokens.show'
  | 'tokens.login'
  | 'tokens.logout'
  | 'tokens.adopt'
  | 'tokens.createKek'
>;

export function tokenHandlers({ tokens }: OpenStation): TokenHandlers {
  return {
    'tokens.modules': () => tokens.slots(),
    'tokens.list': () => tokens.list(),
    // The renderer picks among the modules main found; any other library is added from the CLI.
    'tokens.add': (input) => {
      if (!tokens.installedModules().includes(input.modulePath))
        fail(
          TokenCode.ModuleUnusable,
          'Choose one of the PKCS#11 modules Custos found on this computer; another module is added with custos token add.',
        );
      return tokens.add(input);
    },
    'tokens.show': ({ name }) => tokens.show(name),
    // The PIN goes to the token once; the answer is the token's state, never the PIN.
    'tokens.login': ({ name, pin, remember }) => tokens.login(name, pin, { remember }),
    'tokens.logout': ({ name }) => tokens.logout(name),
    'tokens.adopt': ({ name }) => ({ adopted: tokens.adopt(name) }),
    'tokens.createKek': (input) => tokens.createKek(input),
  };
}
