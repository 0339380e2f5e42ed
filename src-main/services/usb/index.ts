/**
 * USB flash drive keys: the public face of src-main/services/usb. The UI and the CLI use only
 * what is exported here.
 */
export { UsbService } from './service';
export type { UsbServiceOptions } from './service';
export type { WriteFaults } from './flows/context';
export type { DriveEvent, DriveKeyFile, DriveStatus, UsbDrive, DriveLister, MountProbe, DriveFacts } from './drives';
// Results and views are the contract's types (src-main/contract/usb.ts); these are the service's own.
export type { CreateKeySetInput, CustodyInput, PrepareStarted } from './model';
export { keyFileName, KEY_FILE_VERSION } from './keyfile';
