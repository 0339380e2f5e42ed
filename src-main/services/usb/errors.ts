import { CustosError } from '../../contract';

/**
 * Every code the USB service raises. Codes never change meaning once shipped; each sentence
 * names the drive or key set so a custodian knows which stick to look at.
 */
export const UsbCode = {
  DriveGone: 'USB_DRIVE_GONE',
  DriveFull: 'USB_DRIVE_FULL',
  DriveReadOnly: 'USB_DRIVE_READ_ONLY',
  DriveSystem: 'USB_DRIVE_SYSTEM',
  DriveNotRemovable: 'USB_DRIVE_NOT_REMOVABLE',
  DriveNotWritable: 'USB_DRIVE_NOT_WRITABLE',
  DriveUnknown: 'USB_DRIVE_UNKNOWN',
  NoDrives: 'USB_NO_DRIVES',
  WriteFailed: 'USB_WRITE_FAILED',
  VerifyFailed: 'USB_VERIFY_FAILED',
  NameClash: 'USB_NAME_CLASH',
  EraseFailed: 'USB_ERASE_FAILED',
  DriveListFailed: 'USB_DRIVE_LIST_FAILED',
  KeyFileNotCustos: 'USB_KEY_FILE_NOT_CUSTOS',
  KeyFileVersion: 'USB_KEY_FILE_VERSION',
  KeyFileTruncated: 'USB_KEY_FILE_TRUNCATED',
  KeyFileCorrupt: 'USB_KEY_FILE_CORRUPT',
  KeySetUnknown: 'USB_KEYSET_UNKNOWN',
  KeySetExists: 'USB_KEYSET_EXISTS',
  KeySetNameInvalid: 'USB_KEYSET_NAME_INVALID',
  SerialInvalid: 'USB_SERIAL_INVALID',
  CopiesInvalid: 'USB_COPIES_INVALID',
  KeySetBusy: 'USB_KEYSET_BUSY',
  WrongState: 'USB_KEYSET_WRONG_STATE',
  TooFewCopies: 'USB_TOO_FEW_COPIES',
  NoCurrentKey: 'USB_REKEY_NO_CURRENT_KEY',
  EraseNotConfirmed: 'USB_ERASE_NOT_CONFIRMED',
  SealedKeyUnreadable: 'USB_SEALED_KEY_UNREADABLE',
  CopyUnknown: 'USB_COPY_UNKNOWN',
  CustodyInvalid: 'USB_CUSTODY_INVALID',
  CopyCancelled: 'USB_COPY_CANCELLED',
  EraseIncomplete: 'USB_ERASE_INCOMPLETE',
  CopiesFailed: 'USB_COPIES_FAILED',
} as const;

export type UsbErrorCode = (typeof UsbCode)[keyof typeof UsbCode];

export function usbError(code: UsbErrorCode, sentence: string): CustosError {
  return new CustosError(code, sentence);
}
