// Benchmark: import of a 10,000-entry PKCS#12 (made by Custos from 10,000 vault keys) into a
// fresh station, preview + commit, in entries per second; peer: keytool -importkeystore of the
// same file into a new PKCS#12. Both decrypt every key (PBES2, 10,000 PBKDF2 iterations each);
// Custos then seals each under the vault key and stores it with an audit row in one transaction,
// keytool re-encrypts each into its new file. Each run takes tens of seconds, hence 3 rounds.
import { tempDir } from '../helpers/temp';
import { custosImport, keytoolImport, useBuiltKeystoreReader } from './import-contenders';
import { formatMs, median, progress, sideBySide } from './measure';
import { KEYSTORE_SIZE, PASSPHRASE, STORE_PASSWORD, tenThousandKeys } from './keystore-fixture';
import { printNote, printRow } from './table-row';

const ROUNDS = 3;

async function main(): Promise<void> {
  const fixture = await tenThousandKeys();
  const scratch = tempDir('custos-bench-import-');
  try {
    useBuiltKeystoreReader();
    const run = { scratch: scratch.path, file: fixture.pkcs12, storePassword: STORE_PASSWORD, expected: KEYSTORE_SIZE };
    const custos = custosImport(run, PASSPHRASE);
    const keytool = keytoolImport(run, 'PKCS12');
    progress(`import: ${ROUNDS} rounds`);
    const s = await sideBySide(ROUNDS, { custos, keytool }, progress);
    const custosRate = (KEYSTORE_SIZE * 1000) / median(s.custos);
    const keytoolRate = (KEYSTORE_SIZE * 1000) / median(s.keytool);
    printRow({
      benchmark: `import ${KEYSTORE_SIZE}-entry PKCS#12 into a fresh station (preview + commit)`,
      peer: 'keytool -importkeystore into a new PKCS12 (JDK 17)',
      custos: `${Math.round(custosRate)} entries/s (${formatMs(median(s.custos))}, median of ${ROUNDS})`,
      peerValue: `${Math.round(keytoolRate)} entries/s (${formatMs(median(s.keytool))}, median of ${ROUNDS})`,
      ratio: `${(custosRate / keytoolRate).toFixed(2)}x rate`,
      target: 'report',
      met: null,
    });
    printNote(
      `import: ${ROUNDS} rounds (each run takes tens of seconds), Custos and keytool alternating; Custos' time covers reading the file, the preview (decrypting every key) and the commit (sealing and storing all in one transaction with an audit row each).`,
    );
  } finally {
    scratch.cleanup();
    fixture.cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
