import { createCipheriv, createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from '../files';
import { calibrateScrypt, KDF_TARGET_MS } from '../vault';
import type { SelfTestCheck } from '../../contract';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A station is fit to hold keys when its storage is durable and its crypto gives known answers. */
export interface SelfTestStep {
  name: string;
  run(home: string, signal: AbortSignal): Promise<SelfTestCheck>;
}

const MIN_FREE_BYTES = 100 * 1024 * 1024;

export const selfTestSteps: SelfTestStep[] = [
  {
    name: 'Station home is durable',
    async run(home) {
      const probe = join(home, 'self-test.probe');
      const bytes = randomBytes(4096);
      writeFileAtomic(probe, bytes);
      const back = readFileSync(probe);
      rmSync(probe, { force: true });
      const same = back.equals(bytes);
      return check(
        this.name,
        same,
        same
          ? `Atomic write, fsync and read-back work in ${home}.`
          : 'The file read back differs from what was written.',
      );
    },
  },
  {
    name: 'Free space in the station home',
    async run(home) {
      const s = statfsSync(home);
      const free = s.bavail * s.bsize;
      return check(
        this.name,
        free >= MIN_FREE_BYTES,
        `${formatBytes(free)} free (at least ${formatBytes(MIN_FREE_BYTES)} wanted).`,
      );
    },
  },
  {
    name: 'SHA-256 known answer',
    async run() {
      const digest = createHash('sha256').update('abc').digest('hex');
      return check(
        this.name,
        digest === 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        'FIPS 180-2 example "abc".',
      );
    },
  },
  {
    name: 'AES-256-GCM known answer',
    async run() {
      // NIST GCM specification, test case 14: zero key, zero IV, one zero block.
      const cipher = createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12));
      const ct = Buffer.concat([cipher.update(Buffer.alloc(16)), cipher.final()]).toString('hex');
      const tag = cipher.getAuthTag().toString('hex');
      const passed = ct === 'cea7403d4d606b6e074ec5d3baf39d18' && tag === 'd0d1c8a799996bf0265b98b5d48ab919';
      return check(this.name, passed, 'NIST GCM test case 14.');
    },
  },
  {
    name: 'Random generator',
    async run() {
      const sample = randomBytes(1 << 20);
      let ones = 0;
      for (const byte of sample) ones += popcount(byte);
      const bits = sample.length * 8;
      // Monobit test: for a good generator the share of ones sits well within 0.5 +- 0.001 at 8 Mbit.
      const share = ones / bits;
      const passed = Math.abs(share - 0.5) < 0.001 && !sample.subarray(0, 32).equals(randomBytes(32));
      return check(this.name, passed, `Share of one bits in 1 MiB: ${share.toFixed(5)}.`);
    },
  },
  {
    name: 'RSA-3072 key generation',
    async run() {
      const started = performance.now();
      await generateKeyPairAsync('rsa', { modulusLength: 3072 });
      const ms = performance.now() - started;
      return check(this.name, true, `A 3072-bit KEK key pair takes ${Math.round(ms)} ms here.`);
    },
  },
  {
    name: 'Passphrase hardening (scrypt) calibration',
    async run(_home, signal) {
      const { logN, ms } = await calibrateScrypt(signal);
      return check(
        this.name,
        ms >= KDF_TARGET_MS,
        `scrypt N=2^${logN}, r=8, p=1 takes ${Math.round(ms)} ms here (target at least ${KDF_TARGET_MS} ms).`,
      );
    },
  },
];

function check(name: string, passed: boolean, detail: string): SelfTestCheck {
  return { name, passed, detail };
}

function popcount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b &= b - 1) n++;
  return n;
}

function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}
