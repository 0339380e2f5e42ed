import type { OpenStation } from '../../services';
import type { Handlers } from '../register';
import { auditHandlers } from './audit';
import { eedkHandlers } from './eedk';
import { jobHandlers } from './jobs';
import { keystoreHandlers } from './keystore';
import { serverHandlers } from './servers';
import { usbHandlers } from './usb';
import { stationHandlers } from './station';
import type { Transport } from './station';
import { vaultHandlers } from './vault';
import { tokenHandlers } from './tokens';

export type { Transport } from './station';

/** Every channel of the contract, bound to one open station. Missing one is a type error. */
export function createHandlers(station: OpenStation, transport: Transport): Handlers {
  return {
    ...stationHandlers(station, transport),
    ...jobHandlers(station),
    ...vaultHandlers(station),
    ...keystoreHandlers(station),
    ...auditHandlers(station),
    ...eedkHandlers(station),
    ...serverHandlers(station),
    ...usbHandlers(station),
    ...tokenHandlers(station),
  };
}
