// Benchmark: import of a 10,000-entry PKCS#12 (made by Custos from 10,000 vault keys) into a
// fresh station, preview + commit, in entries per second; peer: keytool -importkeystore of the
// same file into a new PKCS#12. Both decrypt every key (PBES2, 10,000 PBKDF2 iterations each);
// Custos then seals each under the vault key and stores it with an audit row in one transaction,
// keytool re-encrypts each into its new file. Each run takes tens of seconds, hence 3 rounds.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStation } from '../../src-main/services';
import { tempDir } from '../helpers/temp';
import { formatMs, median, progress, sideBySide, timed, timedCommand } from './measure';
import { KEYSTORE_SIZE, PASSPHRASE, STORE_PASSWORD, tenThousandKeys } from './keystore-fixture';
import { printNote, printRow } from './table-row';

const ROUNDS = 3;

async function main(): Promise<void> {
  const fixture = await tenThousandKeys();
  const scratch = tempDir('custos-bench-import-');
  let run = 0;
  try {
    const custos = async () => {
      const home = join(scratch.path, `station-${++run}`);
      const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
      try {
        await station.vault.create(PASSPHRASE);
        const ms = await timed(async () => {
          const preview = await station.imports.preview({
            fileName: 'same-keys.p12',
            bytes: readFileSync(fixture.pkcs12),
            storePassword: STORE_PASSWORD,
          });
          const result = station.imports.commit(preview.previewId, 'fail', []);
          if (result.imported.length !== KEYSTORE_SIZE)
            throw new Error(`Custos imported ${result.imported.length} entries, not ${KEYSTORE_SIZE}.`);
        });
        return ms;
      } finally {
        station.close();
        rmSync(home, { recursive: true, force: true });
      }
    };
    const keytool = () => {
      const dest = join(scratch.path, 'keytool-copy.p12');
      rmSync(dest, { force: true });
      const { ms, stdout, stderr } = timedCommand('keytool', [
        '-importkeystore',
        '-noprompt',
        '-srckeystore',
        fixture.pkcs12,
        '-srcstoretype',
        'PKCS12',
        '-srcstorepass',
        STORE_PASSWORD,
        '-destkeystore',
        dest,
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        STORE_PASSWORD,
      ]);
      // keytool reports on stderr: "Import command completed:  10,000 entries successfully imported, 0 entries failed or cancelled".
      const report = `${stdout}\n${stderr}`;
      if (!report.includes(`${KEYSTORE_SIZE.toLocaleString('en-US')} entries successfully imported`))
        throw new Error(`keytool did not import every entry: ${report.slice(-300)}`);
      return ms;
    };
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
