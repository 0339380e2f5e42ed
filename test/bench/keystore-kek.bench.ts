// Benchmark: an RSA-3072 KEK with its self-signed certificate.
//   Custos keystore.createKek (generate, certify, seal, store, audit) on an unlocked station,
//   and the bare generation path (Node's RSA keygen + createSelfSignedCertificate), against
//   openssl req -x509 -newkey rsa:3072 (target: at most 1.3x openssl's time) and node-forge's
//   pure-JS keygen + self-signed certificate (target: Custos 10x faster).
// RSA keygen time swings several-fold from run to run (it searches for random primes), hence
// many runs (21) and medians; forge takes seconds per key, so it gets 5.
import { generateKeyPair } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { createSelfSignedCertificate } from '../../src-main/services/certs';
import { unlockedStation } from '../helpers/station';
import { tempDir } from '../helpers/temp';
import { formatMs, median, progress, sideBySide, timed, timedCommand } from './measure';
import { printNote, printRow, timeRatio } from './table-row';

// node-forge has this switch at run time; its type definitions leave it out.
declare module 'node-forge' {
  const options: { usePureJavaScript: boolean };
}

const ROUNDS = 21;
const FORGE_ROUNDS = 5;
const OPENSSL_ARGS = [
  'req',
  '-x509',
  '-newkey',
  'rsa:3072',
  '-nodes',
  '-keyout',
  'k',
  '-out',
  'c',
  '-subj',
  '/CN=x',
  '-days',
  '365',
];
const generateKeyPairAsync = promisify(generateKeyPair);

async function main(): Promise<void> {
  const { station, cleanup } = await unlockedStation();
  const scratch = tempDir('custos-bench-openssl-');
  let n = 0;
  try {
    const contenders = {
      createKek: () => timed(() => station.keystore.createKek({ label: `KEK ${++n}`, bits: 3072 })),
      generateOnly: () =>
        timed(async () => {
          const { publicKey, privateKey } = await generateKeyPairAsync('rsa', {
            modulusLength: 3072,
            publicExponent: 0x10001,
          });
          createSelfSignedCertificate({ publicKey, privateKey, subject: 'CN=x', days: 365, profile: 'kek' });
        }),
      openssl: () => timedCommand('openssl', OPENSSL_ARGS, { cwd: scratch.path }).ms,
    };
    progress('KEK RSA-3072: warm-up');
    await sideBySide(1, contenders);
    progress(`KEK RSA-3072: ${ROUNDS} rounds of Custos and openssl`);
    const s = await sideBySide(ROUNDS, contenders, progress);
    progress(`KEK RSA-3072: ${FORGE_ROUNDS} rounds of node-forge (pure JavaScript)`);
    const f = await sideBySide(FORGE_ROUNDS, { createKek: contenders.createKek, forge: forgeKek }, progress);

    const opensslVersion = timedCommand('openssl', ['version']).stdout.trim();
    const kek = median(s.createKek);
    const gen = median(s.generateOnly);
    const ossl = median(s.openssl);
    printRow({
      benchmark: 'KEK RSA-3072 + certificate: keystore.createKek, unlocked station',
      peer: `openssl req -x509 -newkey rsa:3072 (${opensslVersion.split(' ').slice(0, 2).join(' ')})`,
      custos: `${formatMs(kek)} (median of ${ROUNDS})`,
      peerValue: `${formatMs(ossl)} (median of ${ROUNDS})`,
      ratio: timeRatio(kek, ossl),
      target: '≤ 1.3x time',
      met: kek <= 1.3 * ossl,
    });
    printRow({
      benchmark: 'KEK RSA-3072 + certificate: generation only (keygen + createSelfSignedCertificate)',
      peer: 'openssl req -x509 -newkey rsa:3072',
      custos: `${formatMs(gen)} (median of ${ROUNDS})`,
      peerValue: `${formatMs(ossl)} (median of ${ROUNDS})`,
      ratio: timeRatio(gen, ossl),
      target: '≤ 1.3x time',
      met: gen <= 1.3 * ossl,
    });
    const kekF = median(f.createKek);
    const forgeMs = median(f.forge);
    printRow({
      benchmark: 'KEK RSA-3072 + certificate: keystore.createKek, unlocked station',
      peer: `node-forge ${forgeVersion()} pure JS (rsa.generateKeyPair + cert.sign)`,
      custos: `${formatMs(kekF)} (median of ${FORGE_ROUNDS})`,
      peerValue: `${formatMs(forgeMs)} (median of ${FORGE_ROUNDS})`,
      ratio: timeRatio(kekF, forgeMs),
      target: '≤ 0.1x time (10x faster)',
      met: kekF * 10 <= forgeMs,
    });
    printNote(
      `KEK: Custos and openssl alternate within each of ${ROUNDS} rounds (order flipped every round), one warm-up round first; openssl's time includes its process start and writing key and certificate files. ` +
        `node-forge gets ${FORGE_ROUNDS} rounds (seconds per key), interleaved with ${FORGE_ROUNDS} more createKek runs. Spread, createKek: ${spread(s.createKek)}; openssl: ${spread(s.openssl)}; forge: ${spread(f.forge)}.`,
    );
  } finally {
    cleanup();
    scratch.cleanup();
  }
}

/** forge's own keygen and signature, forced onto its JavaScript code path (by default it hands keygen to Node's crypto). */
async function forgeKek(): Promise<number> {
  const before = forge.options.usePureJavaScript;
  forge.options.usePureJavaScript = true;
  try {
    return await timed(() => {
      const keys = forge.pki.rsa.generateKeyPair({ bits: 3072, e: 0x10001 });
      const cert = forge.pki.createCertificate();
      cert.publicKey = keys.publicKey;
      cert.serialNumber = '01';
      cert.validity.notBefore = new Date();
      cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
      cert.setSubject([{ name: 'commonName', value: 'x' }]);
      cert.setIssuer([{ name: 'commonName', value: 'x' }]);
      cert.sign(keys.privateKey, forge.md.sha256.create());
      forge.asn1.toDer(forge.pki.certificateToAsn1(cert));
    });
  } finally {
    forge.options.usePureJavaScript = before;
  }
}

function forgeVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(process.cwd(), 'node_modules', 'node-forge', 'package.json'), 'utf8'),
  ) as { version?: string };
  return manifest.version ?? '';
}

function spread(samples: number[]): string {
  return `${formatMs(Math.min(...samples))}–${formatMs(Math.max(...samples))}`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
