import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../../src-main/services/certs';
import { openStation } from '../../../src-main/services';
import { tempDir } from '../../helpers/temp';

const KILLS = 200;
const PASSPHRASE = 'crash test passphrase';
const work = tempDir('custos-crash-');
const childBundle = join(work.path, 'child.cjs');
const home = join(work.path, 'home');
let certBase64 = '';

beforeAll(async () => {
  await build({
    entryPoints: [join(__dirname, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childBundle,
    packages: 'external',
    logLevel: 'error',
    absWorkingDir: process.cwd(),
  });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  certBase64 = createSelfSignedCertificate({
    publicKey,
    privateKey,
    subject: 'CN=Partner CA',
    days: 30,
    profile: 'kek',
  }).toString('base64');
});
afterAll(() => work.cleanup());

/** Runs the child until it has acknowledged at least one operation, then SIGKILLs it after a random delay. */
function runAndKill(delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // The bundle lives in a temp dir; its external packages come from the project's node_modules.
    const env = { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') };
    const child = spawn(process.execPath, [childBundle, home, PASSPHRASE, certBase64], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.includes('READY\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended on its own: ${err}`));
      resolve([...out.matchAll(/^ACK (.+)$/gm)].map((m) => m[1] ?? ''));
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged key and an intact audit chain across ${KILLS} SIGKILLs`, async () => {
    const acknowledged: string[] = [];
    let seed = 0x2545f491;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < KILLS; i++) {
      acknowledged.push(...(await runAndKill(Math.floor(random() * 120))));
      if (i % 20 === 19 || i === KILLS - 1) {
        const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
        try {
          expect(station.audit.verify()).toMatchObject({ intact: true });
          await station.vault.unlock(PASSPHRASE);
          const labels = new Set(station.keystore.list().map((e) => e.label));
          const missing = acknowledged.filter((l) => !labels.has(l));
          expect(missing).toEqual([]);
          // Every stored secret still opens: no torn writes.
          for (const e of station.keystore
            .list()
            .filter((x) => x.hasSecret)
            .slice(-20))
            station.keystore.secretOf(e.label).secret.fill(0);
        } finally {
          station.close();
        }
      }
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  }, 240_000);
});
