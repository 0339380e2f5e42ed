// Benchmark: import of a 1,000-key JCEKS made by keytool (AES-256 keys, keytool's 200,000
// PBEWithMD5AndTripleDES iterations per key) into a fresh station, preview + commit; peer:
// keytool -importkeystore of the same file into a new PKCS#12. Both open every key (400,000 MD5
// rounds each); Custos shares them across a pool of worker threads, one per core, each running
// two keys' chains at once in WebAssembly SIMD lanes, and then seals and stores each; keytool
// re-encrypts each into its new file. Target: Custos no slower.
import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writePkcs12 } from '../../src-main/services/keystore/formats';
import type { KeystoreEntry } from '../../src-main/services/keystore/formats';
import { tempDir } from '../helpers/temp';
import { custosImport, keytoolImport, useBuiltKeystoreReader } from './import-contenders';
import { formatMs, median, progress, sideBySide, timedCommand } from './measure';
import { printNote, printRow } from './table-row';

const KEYS = 1_000;
const ROUNDS = Number(process.env.CUSTOS_BENCH_ROUNDS ?? 3);
const STORE_PASSWORD = 'bench-store-pass';
const PASSPHRASE = 'bench passphrase, long enough';

async function main(): Promise<void> {
  useBuiltKeystoreReader();
  const scratch = tempDir('custos-bench-jceks-');
  try {
    const jceks = join(scratch.path, 'keys.jceks');
    progress(`jceks-import: keytool writes ${KEYS} AES keys into a JCEKS`);
    makeJceks(scratch.path, jceks);
    const run = { scratch: scratch.path, file: jceks, storePassword: STORE_PASSWORD, expected: KEYS };
    const custos = custosImport(run, PASSPHRASE);
    const keytool = keytoolImport(run, 'JCEKS');
    progress(`jceks-import: ${ROUNDS} rounds`);
    const s = await sideBySide(ROUNDS, { custos, keytool }, progress);
    const ratio = median(s.keytool) / median(s.custos);
    printRow({
      benchmark: `import a ${KEYS}-key JCEKS (keytool's 200,000 iterations) into a fresh station (preview + commit)`,
      peer: 'keytool -importkeystore of the same file into a new PKCS12 (JDK 17)',
      custos: `${formatMs(median(s.custos))} (median of ${ROUNDS})`,
      peerValue: `${formatMs(median(s.keytool))} (median of ${ROUNDS})`,
      ratio: `${ratio.toFixed(2)}x speed`,
      target: 'no slower (>= 1.00x)',
      met: ratio >= 1,
    });
    printNote(
      `jceks-import: Custos opens the keys in ${Math.min(availableParallelism(), 4)} worker threads (one per core, at most 4), in the same process that then seals and stores them; keytool is one JVM, start-up included.`,
    );
  } finally {
    scratch.cleanup();
  }
}

/** keytool makes the JCEKS: our PKCS#12 of AES keys (cheap to write) converted by keytool -importkeystore. */
function makeJceks(dir: string, jceks: string): void {
  const entries: KeystoreEntry[] = Array.from({ length: KEYS }, (_, i) => ({
    kind: 'secret-key',
    alias: `tape-dk-${String(i).padStart(4, '0')}`,
    algorithm: 'AES',
    key: randomBytes(32),
  }));
  const source = join(dir, 'source.p12');
  writeFileSync(source, writePkcs12(entries, { storePassword: STORE_PASSWORD, iterations: 1_000 }));
  timedCommand('keytool', [
    '-importkeystore',
    '-noprompt',
    '-srckeystore',
    source,
    '-srcstoretype',
    'PKCS12',
    '-srcstorepass',
    STORE_PASSWORD,
    '-destkeystore',
    jceks,
    '-deststoretype',
    'JCEKS',
    '-deststorepass',
    STORE_PASSWORD,
  ]);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
