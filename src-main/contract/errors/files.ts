/** Files reaching main from the renderer in chunks (contract/files.ts). */
export const FileCode = {
  TooLarge: 'FILE_TOO_LARGE',
  UploadUnknown: 'FILE_UPLOAD_UNKNOWN',
  UploadOutOfOrder: 'FILE_UPLOAD_OUT_OF_ORDER',
  UploadIncomplete: 'FILE_UPLOAD_INCOMPLETE',
  UploadWrongUse: 'FILE_UPLOAD_WRONG_USE',
  TooManyUploads: 'FILE_TOO_MANY_UPLOADS',
} as const;
