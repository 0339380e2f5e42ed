import type { OpenStation } from '../../services';
import { FileUploads } from '../file-uploads';
import type { Handlers } from '../register';
import { auditHandlers } from './audit';
import { deviceHandlers } from './devices';
import { backupHandlers } from './backup';
import { eedkHandlers } from './eedk';
import { fileHandlers } from './files';
import { jobHandlers } from './jobs';
import { keystoreHandlers } from './keystore';
import { serverHandlers } from './servers';
import { usbHandlers } from './usb';
import { stationHandlers } from './station';
import type { Transport } from './station';
import { vaultHandlers } from './vault';
import { tokenHandlers } from './tokens';
import { settingsHandlers } from './settings';

export type { Transport } from './station';

/** Every channel of the contract, bound to one open station. Missing one is a type error. */
export function createHandlers(station: OpenStation, transport: Transport): Handlers {
  // Files the window sends wait here until the call that uses them (import, unwrap, certificate) takes them.
  const uploads = new FileUploads();
  return {
    ...stationHandlers(station, transport),
    ...jobHandlers(station),
    ...vaultHandlers(station),
    ...keystoreHandlers(station, uploads),
    ...auditHandlers(station),
    ...eedkHandlers(station, uploads),
    ...serverHandlers(station, uploads),
    ...usbHandlers(station),
    ...fileHandlers(uploads),
    ...deviceHandlers(station, uploads),
    ...backupHandlers(station, uploads),
    ...tokenHandlers(station),
    ...settingsHandlers(station),
  };
}
