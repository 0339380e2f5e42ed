/** The `custos` command's own failures: its arguments, prompts and files. */
export const CliCode = {
  Usage: 'USAGE',
  InputEmpty: 'INPUT_EMPTY',
  InputTooLarge: 'INPUT_TOO_LARGE',
  InputUnreadable: 'INPUT_UNREADABLE',
  OutputUnwritable: 'OUTPUT_UNWRITABLE',
  /** The output file exists and --force was not given. */
  OutputExists: 'OUTPUT_EXISTS',
  PassphraseEmpty: 'PASSPHRASE_EMPTY',
  PassphraseFileUnreadable: 'PASSPHRASE_FILE_UNREADABLE',
  PassphraseMismatch: 'PASSPHRASE_MISMATCH',
  PassphraseRequired: 'PASSPHRASE_REQUIRED',
  PortUnavailable: 'PORT_UNAVAILABLE',
  NotBuilt: 'NOT_BUILT',
} as const;
