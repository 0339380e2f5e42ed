/**
 * Flags a custodian might reach for to give a secret on the command line. Custos takes none of
 * them (argv is readable by every process on the station); each names where the secret goes instead.
 */
const SECRET_FLAGS: Record<string, string> = {
  '--passphrase': '--passphrase-file FILE, CUSTOS_PASSPHRASE, or the prompt (leave it out at a terminal)',
  '--password': '--passphrase-file FILE, CUSTOS_PASSPHRASE, or the prompt (leave it out at a terminal)',
  '--new-passphrase': '--new-passphrase-file FILE, CUSTOS_NEW_PASSPHRASE, or the prompt',
  '--pin': '--pin-file FILE, CUSTOS_TOKEN_PIN, or the prompt',
  '--store-pass': '--store-pass-file FILE, CUSTOS_STORE_PASS, or the prompt',
  '--store-password': '--store-pass-file FILE, CUSTOS_STORE_PASS, or the prompt',
  '--backup-pass': '--backup-pass-file FILE, or the prompt',
  '--backup-passphrase': '--backup-pass-file FILE, or the prompt',
};

/** The usage sentence for the first secret given on the command line, or null when there is none. */
export function secretOnCommandLine(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (arg === '--') return null; // what follows is operands, not options
    const flag = arg.split('=', 1)[0] ?? arg;
    const instead = SECRET_FLAGS[flag];
    if (instead)
      return `${flag} is not taken: a secret on the command line is visible to every process on this computer. Use ${instead}.`;
  }
  return null;
}
