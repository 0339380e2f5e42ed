// Benchmark: a PKCS#11 token (SoftHSM2 in a temp dir) against OpenSC's pkcs11-tool on the same token.
//   KEK RSA-3072: tokens.createKek (keygen on the token, certificate signed on the token and
//   stored there, entry and audit row) vs pkcs11-tool --keypairgen --key-type rsa:3072
//   (target: within 1.2x).
//   EEDK unwrap: eedk.unwrap with a token KEK in a session kept open while logged in vs
//   pkcs11-tool --login --decrypt -m RSA-PKCS-OAEP (a process, a login, a decryption; target 10x faster).
// SoftHSM 2.6's OAEP takes SHA-1 only: pkcs11-tool decrypts a SHA-1 OAEP block, Custos its
// SHA-256 EEDK through raw RSA on the token (the private-key operation both sides pay).
import { constants, publicEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEedkSet } from '../../src-main/services/eedk';
import { softHsm, SOFTHSM_MODULE, USER_PIN } from '../helpers/softhsm';
import { unlockedStation } from '../helpers/station';
import { formatMs, median, progress, sideBySide, timed, timedCommand } from './measure';
import { printNote, printRow, timeRatio } from './table-row';

const KEK_ROUNDS = 9;
const UNWRAP_ROUNDS = 31;
const LABEL = 'Bench Token';

async function main(): Promise<void> {
  const hsm = softHsm([LABEL]);
  const { station, cleanup } = await unlockedStation();
  const tool = (args: string[]) =>
    timedCommand(
      'pkcs11-tool',
      ['--module', SOFTHSM_MODULE, '--token-label', LABEL, '--login', '--pin', USER_PIN, ...args],
      {
        env: hsm.env,
      },
    );
  try {
    station.tokens.add({ name: 'HSM', modulePath: SOFTHSM_MODULE, tokenLabel: LABEL });
    station.tokens.login('HSM', USER_PIN);
    let n = 0;
    const kek = {
      custos: () => timed(() => station.tokens.createKek({ token: 'HSM', label: `KEK ${++n}`, bits: 3072 })),
      pkcs11Tool: () =>
        tool(['--keypairgen', '--key-type', 'rsa:3072', '--label', `tool ${++n}`, '--id', (0x1000 + n).toString(16)])
          .ms,
    };
    progress('Token KEK RSA-3072: warm-up');
    await sideBySide(1, kek);
    progress(`Token KEK RSA-3072: ${KEK_ROUNDS} rounds`);
    const k = await sideBySide(KEK_ROUNDS, kek, progress);

    // One token KEK for both sides of the unwrap.
    const entry = station.tokens.createKek({ token: 'HSM', label: 'Unwrap KEK', bits: 3072 });
    const ckaId = station.tokens.show('HSM').objects.find((o) => o.entryLabel === 'Unwrap KEK')?.id ?? '';
    const { file } = station.eedk.wrap({ keks: [{ label: entry.label, encoding: 'H' }] });
    const publicKey = new X509Certificate(station.keystore.certificateOf(entry.label)).publicKey;
    const input = join(hsm.dir, 'dk.oaep');
    writeFileSync(input, publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, randomBytes(32)));
    const out = join(hsm.dir, 'dk.out');
    const unwrapper = station.keystore.unwrapperFor(entry.label);
    const [record] = decodeEedkSet(file).records;
    if (!unwrapper || !record) throw new Error('The token KEK has no unwrapper.');
    const unwrap = {
      custos: () => timed(() => station.eedk.unwrap(file).dataKey.fill(0)),
      // The token's part alone: the open session's decryption, without the EEDK parse and the fsync'd audit row.
      onToken: () => timed(() => unwrapper(entry, record.wrapped)?.fill(0)),
      pkcs11Tool: () =>
        tool([
          '--decrypt',
          '--id',
          ckaId,
          '-m',
          'RSA-PKCS-OAEP',
          '--hash-algorithm',
          'SHA-1',
          '--mgf',
          'MGF1-SHA1',
          '--input-file',
          input,
          '--output-file',
          out,
        ]).ms,
    };
    progress('EEDK unwrap on the token: warm-up');
    await sideBySide(2, unwrap);
    progress(`EEDK unwrap on the token: ${UNWRAP_ROUNDS} rounds`);
    const u = await sideBySide(UNWRAP_ROUNDS, unwrap, progress);

    const kc = median(k.custos);
    const kt = median(k.pkcs11Tool);
    printRow({
      benchmark: 'Token KEK RSA-3072 + certificate signed on the token: tokens.createKek (SoftHSM2)',
      peer: 'pkcs11-tool --keypairgen --key-type rsa:3072 (OpenSC), same token',
      custos: `${formatMs(kc)} (median of ${KEK_ROUNDS})`,
      peerValue: `${formatMs(kt)} (median of ${KEK_ROUNDS})`,
      ratio: timeRatio(kc, kt),
      target: '≤ 1.2x time',
      met: kc <= 1.2 * kt,
    });
    const uc = median(u.custos);
    const ut = median(u.pkcs11Tool);
    printRow({
      benchmark: 'EEDK unwrap with an RSA-3072 token KEK: eedk.unwrap, session kept open (SoftHSM2)',
      peer: 'pkcs11-tool --login --decrypt -m RSA-PKCS-OAEP, same key',
      custos: `${formatMs(uc)} (median of ${UNWRAP_ROUNDS})`,
      peerValue: `${formatMs(ut)} (median of ${UNWRAP_ROUNDS})`,
      ratio: timeRatio(uc, ut),
      target: '≤ 0.1x time (10x faster)',
      met: uc * 10 <= ut,
    });
    const uo = median(u.onToken);
    printRow({
      benchmark: 'EEDK unwrap, the token part alone: the open session decrypts (no EEDK parse, no audit row)',
      peer: 'pkcs11-tool --login --decrypt -m RSA-PKCS-OAEP, same key',
      custos: `${formatMs(uo)} (median of ${UNWRAP_ROUNDS})`,
      peerValue: `${formatMs(ut)} (median of ${UNWRAP_ROUNDS})`,
      ratio: timeRatio(uo, ut),
      target: '≤ 0.1x time (10x faster)',
      met: uo * 10 <= ut,
    });
    printNote(
      `Token: SoftHSM2 2.6.1 (Debian) in a temp dir; Custos and pkcs11-tool alternate within each round. RSA keygen time swings with the prime search: medians. ` +
        `pkcs11-tool's figures include its process start and login; Custos' full unwrap includes parsing the EEDK, the KCV check and the audit row, written with fsync (synchronous=FULL), which is about half its time. ` +
        'SoftHSM 2.6 does OAEP with SHA-1 only, so pkcs11-tool decrypts a SHA-1 OAEP block while Custos opens its SHA-256 EEDK with raw RSA on the token and removes the padding in main.',
    );
  } finally {
    cleanup();
    hsm.cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
