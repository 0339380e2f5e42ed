/** Codes raised by the IPC machinery and the transports themselves, not by a domain. */
export const BoundaryCode = {
  InvalidInput: 'INVALID_INPUT',
  UntrustedSender: 'UNTRUSTED_SENDER',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  Internal: 'INTERNAL',
  /** The custodian cancelled at a prompt or a dialog. */
  Cancelled: 'CANCELLED',
} as const;
