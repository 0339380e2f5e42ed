// Keychain-test child, run by keychain.test.ts inside a throwaway D-Bus session with
// gnome-keyring ("session"), or with no session bus at all ("no-session"). It drives the real
// station with the real osKeychain() and prints one line, "RESULT <json>", of what it saw; the
// test makes the assertions. Secrets never appear in the output, only their SHA-256.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { openStation } from '../../../src-main/services';
import { keyCheckValue } from '../../../src-main/services/keystore';
import { osKeychain } from '../../../src-main/services/vault';

const PASSPHRASE = 'keychain test passphrase';
const LABEL = 'Tape Pool 7';
const [mode, home] = process.argv.slice(2);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The accounts gnome-keyring holds for service Custos, as secret-tool lists them. */
function custosAccounts(): string[] {
  const listing = spawnSync('secret-tool', ['search', '--all', 'service', 'Custos'], { encoding: 'utf8' });
  return [...`${listing.stdout}\n${listing.stderr}`.matchAll(/^attribute\.username = (.+)$/gm)].map((m) =>
    (m[1] ?? '').trim(),
  );
}

/** The secret gnome-keyring holds for one account, straight from the Secret Service; null when there is none. */
function secretToolLookup(account: string): Buffer | null {
  const lookup = spawnSync('secret-tool', ['lookup', 'service', 'Custos', 'username', account]);
  return lookup.status === 0 ? lookup.stdout : null;
}

function errorCode(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    return e instanceof Error && 'code' in e ? String(e.code) : String(e);
  }
}

async function inSession(dir: string): Promise<Record<string, unknown>> {
  const first = openStation(dir, { via: 'cli', kdfLogN: 15 });
  const reasonWithSession = first.vault.keychainUnavailableReason();
  await first.vault.create(PASSPHRASE);
  const created = await first.keystore.createSecretKey({ label: LABEL });
  // As the Settings screen does it: the vault.remember channel's handler, no passphrase sent again.
  const statusAfterRemember = await createHandlers(first, 'browser-host')['vault.remember']({});
  const rememberedAfterRemember = first.vault.isRemembered();
  const rememberAudited = first.audit.list().some((r) => r.action === 'vault.remember' && r.outcome === 'ok');
  first.close();

  const accounts = custosAccounts();
  const account = accounts.find((a) => a.startsWith('vault-')) ?? '';
  const inGnomeKeyring = secretToolLookup(account);
  const viaLibrary = osKeychain().load(account);

  const second = openStation(dir, { via: 'cli', kdfLogN: 15 });
  const stateBeforeRecall = second.vault.state();
  const recalled = second.vault.unlockFromKeychain();
  const stateAfterRecall = second.vault.state();
  // The remembered key really is the vault key: it opens the sealed secret key, whose check value matches.
  const { secret } = second.keystore.secretOf(LABEL);
  const kcvAfterRecall = keyCheckValue(secret);
  secret.fill(0);
  second.vault.forget();
  const rememberedAfterForget = second.vault.isRemembered();
  second.close();

  const third = openStation(dir, { via: 'cli', kdfLogN: 15 });
  const recalledAfterForget = third.vault.unlockFromKeychain();
  third.close();

  return {
    reasonWithSession,
    rememberedAfterRemember,
    statusRememberedAfterRemember: statusAfterRemember.remembered,
    rememberAudited,
    accounts,
    account,
    secretToolBytes: inGnomeKeyring?.length ?? null,
    secretToolSha256: inGnomeKeyring ? sha256(inGnomeKeyring) : null,
    librarySha256: viaLibrary ? sha256(viaLibrary) : null,
    stateBeforeRecall,
    recalled,
    stateAfterRecall,
    kcvCreated: created.kcv,
    kcvAfterRecall,
    rememberedAfterForget,
    secretToolAfterForget: secretToolLookup(account) === null ? 'not found' : 'still there',
    accountsAfterForget: custosAccounts(),
    recalledAfterForget,
  };
}

async function withoutSession(dir: string): Promise<Record<string, unknown>> {
  const station = openStation(dir, { via: 'cli', kdfLogN: 15 });
  try {
    await station.vault.create(PASSPHRASE);
    return {
      reason: station.vault.keychainUnavailableReason(),
      statusReason: station.vaultStatus().keychainUnavailable,
      rememberError: errorCode(() => station.vault.remember()),
      remembered: station.vault.isRemembered(),
      recalled: station.vault.unlockFromKeychain(),
    };
  } finally {
    station.close();
  }
}

async function main(): Promise<void> {
  if (!home || (mode !== 'session' && mode !== 'no-session'))
    throw new Error('usage: keychain-child session|no-session HOME');
  const result = mode === 'session' ? await inSession(home) : await withoutSession(home);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`keychain-child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
