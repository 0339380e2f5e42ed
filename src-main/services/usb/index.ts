/**
 * USB flash drive keys: the public face of src-main/services/usb. The UI and the CLI use only
 * what is exported here.
 */
export { UsbService } from './service';
export type { UsbServiceOptions } from './service';
export type { WriteFaults } from './flows/context';
export type { DriveEvent, DriveKeyFile, DriveStatus, UsbDrive, DriveLister, MountProbe, DriveFacts } from './drives';
export type {
  CancelResult,
  CommitResult,
  CopyOutcome,
  CopyProgress,
  CopyState,
  CreateKeySetInput,
  CustodyInput,
  DriveRef,
  DriveValidation,
  EraseResult,
  FileErasure,
  FileFailure,
  KeyFileVerdict,
  KeySetState,
  KeyVerdict,
  PrepareAction,
  PrepareResult,
  PrepareStarted,
  UsbKeyCopyView,
  UsbKeySetView,
  ValidateResult,
} from './model';
export { keyFileName, KEY_FILE_VERSION } from './keyfile';
