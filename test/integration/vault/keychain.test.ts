// "Remember on this computer" against a real gnome-keyring (PEERS.md, "OS keychain"): the
// child runs in a throwaway D-Bus session whose Secret Service is gnome-keyring-daemon, with
// HOME and XDG_* in a temp dir, inside its own kernel session keyring (keyctl session), so
// nothing reaches the machine's own keyrings. Needs the Debian packages in REQUIRED_PACKAGES.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';

const REQUIRED_PACKAGES = 'gnome-keyring dbus-x11 libsecret-1-0 libsecret-tools keyutils';
const REQUIRED_TOOLS = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool', 'keyctl'];

const work = tempDir('custos-keychain-');
const childBundle = join(work.path, 'keychain-child.cjs');

beforeAll(async () => {
  await build({
    entryPoints: [join(__dirname, 'keychain-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childBundle,
    packages: 'external',
    logLevel: 'error',
    absWorkingDir: process.cwd(),
  });
});
afterAll(() => work.cleanup());

/** A missing peer fails the test that needs it, never skips it: CI must install the packages (.ci/run). */
function requireKeyringTools(): void {
  const missing = REQUIRED_TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length > 0)
    throw new Error(`The keychain test needs ${missing.join(', ')}: apt-get install -y ${REQUIRED_PACKAGES}`);
}

/** A private HOME and XDG_* tree, and no route to any session bus the test runner may have. */
function isolatedEnv(name: string): NodeJS.ProcessEnv {
  const root = join(work.path, name);
  const dirs = {
    HOME: 'home',
    XDG_CONFIG_HOME: 'config',
    XDG_DATA_HOME: 'data',
    XDG_CACHE_HOME: 'cache',
    XDG_RUNTIME_DIR: 'run',
  };
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') };
  for (const key of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL'])
    delete env[key];
  for (const [key, dir] of Object.entries(dirs)) {
    env[key] = join(root, dir);
    mkdirSync(join(root, dir), { recursive: true, mode: 0o700 });
  }
  return env;
}

/** Runs a command to its end and returns the child's RESULT object; anything else fails with its output. */
function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = /^RESULT (.+)$/m.exec(out)?.[1];
      if (code !== 0 || !line) return reject(new Error(`${command} ended with ${signal ?? code}:\n${out}\n${err}`));
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

describe('remember on this computer, with gnome-keyring', () => {
  it('keeps the vault key in gnome-keyring, unlocks a new station object with it, and forgets it', async () => {
    requireKeyringTools();
    const env = isolatedEnv('session');
    const home = join(work.path, 'session', 'station');
    // "$@" hands the child's argv through the shell untouched.
    const session =
      'eval "$(echo pw | gnome-keyring-daemon --unlock --components=secrets)"; exec keyctl session - "$@"';
    const r = await runChild(
      'dbus-run-session',
      ['--', 'sh', '-c', session, 'sh', process.execPath, childBundle, 'session', home],
      env,
    );

    expect(r.reasonWithSession).toBeNull();
    expect(r.rememberedAfterRemember).toBe(true);
    expect(r.statusRememberedAfterRemember).toBe(true);
    expect(r.rememberAudited).toBe(true);
    // @napi-rs/keyring stores attributes service=Custos, username=<account>.
    expect(r.accounts).toEqual([r.account]);
    expect(r.account).toMatch(/^vault-[0-9a-f]{24}$/);
    expect(r.secretToolBytes).toBe(32);
    expect(r.secretToolSha256).toBe(r.librarySha256);

    expect(r.stateBeforeRecall).toBe('locked');
    expect(r.recalled).toBe(true);
    expect(r.stateAfterRecall).toBe('unlocked');
    expect(r.kcvAfterRecall).toBe(r.kcvCreated);

    expect(r.rememberedAfterForget).toBe(false);
    expect(r.secretToolAfterForget).toBe('not found');
    expect(r.accountsAfterForget).toEqual([]);
    expect(r.recalledAfterForget).toBe(false);
  });

  it('without a D-Bus session says why, and refuses to remember with KEYCHAIN_UNAVAILABLE', async () => {
    const env = isolatedEnv('no-session');
    const r = await runChild(
      process.execPath,
      [childBundle, 'no-session', join(work.path, 'no-session', 'station')],
      env,
    );

    // A plain sentence for the custodian; the D-Bus detail goes to the app's or the host's log only.
    expect(r.reason).toEqual(
      expect.stringMatching(/^This computer has no keychain service; 'remember on this computer' is unavailable\./),
    );
    expect(r.reason).not.toMatch(/dbus|org\.freedesktop/i);
    expect(r.statusReason).toBe(r.reason);
    expect(r.rememberError).toBe('KEYCHAIN_UNAVAILABLE');
    expect(r.remembered).toBe(false);
    expect(r.recalled).toBe(false);
  });
});
