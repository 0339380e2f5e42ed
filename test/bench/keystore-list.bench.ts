// Benchmark: unlock and list a 10,000-entry vault against keytool -list of the same keys in a
// PKCS#12 file (target: Custos 5x faster). Both as a custodian runs them: one fresh process per
// listing (`custos keystore list`, passphrase from CUSTOS_PASSPHRASE, vs `keytool -list`),
// each printing every entry. A second row times open + unlock + list inside one Node process,
// without process start. Unlock includes scrypt at the cost calibrated on this machine.
import { openStation } from '../../src-main/services';
import { formatMs, median, progress, sideBySide, timed, timedCommand } from './measure';
import { KEYSTORE_SIZE, PASSPHRASE, STORE_PASSWORD, tenThousandKeys } from './keystore-fixture';
import { printNote, printRow, timeRatio } from './table-row';

const ROUNDS = 7;

async function main(): Promise<void> {
  const fixture = await tenThousandKeys();
  try {
    // No session bus: the CLI's "remembered on this computer" attempt fails fast and it uses the passphrase.
    const env: NodeJS.ProcessEnv = { ...process.env, CUSTOS_PASSPHRASE: PASSPHRASE };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const cli = () => {
      const { ms, stdout } = timedCommand(
        process.execPath,
        ['bin/custos.cjs', '--home', fixture.home, 'keystore', 'list'],
        { env },
      );
      expectLines(stdout, /^(Tape Pool|Site KEK) /, 'custos keystore list');
      return ms;
    };
    const keytool = () => {
      const { ms, stdout } = timedCommand('keytool', [
        '-list',
        '-keystore',
        fixture.pkcs12,
        '-storetype',
        'PKCS12',
        '-storepass',
        STORE_PASSWORD,
      ]);
      expectLines(stdout, /^(tape pool|site kek) .*(SecretKeyEntry|PrivateKeyEntry)/, 'keytool -list');
      return ms;
    };
    const unlockTimes: number[] = [];
    const listTimes: number[] = [];
    const inProcess = () =>
      timed(async () => {
        const station = openStation(fixture.home, { via: 'cli', keychain: null });
        try {
          unlockTimes.push(await timed(() => station.vault.unlock(PASSPHRASE)));
          let listed = 0;
          listTimes.push(await timed(() => (listed = station.keystore.list().length)));
          if (listed !== KEYSTORE_SIZE) throw new Error('The station does not list every entry.');
        } finally {
          station.close();
        }
      });

    progress(`list: warm-up, then ${ROUNDS} rounds`);
    await sideBySide(1, { cli, keytool, inProcess });
    unlockTimes.length = 0;
    listTimes.length = 0;
    const s = await sideBySide(ROUNDS, { cli, keytool, inProcess }, progress);

    const kt = median(s.keytool);
    const fresh = median(s.cli);
    const same = median(s.inProcess);
    const peer = 'keytool -list -storetype PKCS12 (JDK 17), same keys';
    printRow({
      benchmark: `unlock + list ${KEYSTORE_SIZE} entries: custos keystore list, fresh process`,
      peer,
      custos: `${formatMs(fresh)} (median of ${ROUNDS})`,
      peerValue: `${formatMs(kt)} (median of ${ROUNDS})`,
      ratio: timeRatio(fresh, kt),
      target: '≤ 0.2x time (5x faster)',
      met: fresh * 5 <= kt,
    });
    printRow({
      benchmark: `unlock + list ${KEYSTORE_SIZE} entries: open station + vault.unlock + keystore.list, in process`,
      peer,
      custos: `${formatMs(same)} (median of ${ROUNDS})`,
      peerValue: `${formatMs(kt)} (median of ${ROUNDS})`,
      ratio: timeRatio(same, kt),
      target: '≤ 0.2x time (5x faster)',
      met: same * 5 <= kt,
    });
    printNote(
      `list: ${KEYSTORE_SIZE} entries (9,990 AES-256 secret keys, 10 RSA-3072 KEKs), made through the keystore service and exported by Custos to one PKCS#12 for keytool. ` +
        `Custos and keytool alternate over ${ROUNDS} rounds after a warm-up; both print every entry. The fresh-process row includes Node start (keytool's includes JVM start). ` +
        `Of the in-process time, vault.unlock (scrypt N=2^${fixture.scryptLogN}, r=8, p=1, calibrated here to cost at least 250 ms) takes ${formatMs(median(unlockTimes))} and keystore.list ${formatMs(median(listTimes))} (medians).`,
    );
  } finally {
    fixture.cleanup();
  }
}

function expectLines(output: string, entryLine: RegExp, what: string): void {
  const count = output.split('\n').filter((l) => entryLine.test(l)).length;
  if (count !== KEYSTORE_SIZE) throw new Error(`${what} printed ${count} entries, not ${KEYSTORE_SIZE}.`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
