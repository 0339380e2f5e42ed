// Benchmark: import 100,000 EKM key-usage events (SKLMData.xml in the seed's shape, ~27 MB)
// against `xmllint --stream --noout` over the same file (target: within 3x its time, memory
// flat), and the keystore's "used by N cartridges" query at that size (target: under 10 ms).
// Time: in one Node process, the CLI's path (one streaming pass inside the commit's transaction)
// and the wizard's (a preview pass first); every event is written to the station database.
// Memory: peak RSS of `custos group import-ekm` (a fresh process, /usr/bin/time %M) at 10,000
// and at 100,000 events: flat means the same peak.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStation } from '../../src-main/services';
import { scanMetadataFile } from '../../src-main/services/devices';
import { tempDir } from '../helpers/temp';
import { formatMs, median, percentile, progress, sideBySide, timed, timedCommand } from './measure';
import { printNote, printRow, timeRatio } from './table-row';

const ROUNDS = 5;
const EVENTS = 100_000;
const A = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20';
const B = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21';
const PASSPHRASE = 'bench passphrase, long enough';
const CONFIG = `drive.default.alias1=${A}\ndrive.default.alias2=${B}\ndrive.acceptUnknownDrives=true\nTransportListener.tcp.port=3801\n`;

function metadata(events: number): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<KeyUsageEvents>\n'];
  for (let i = 0; i < events; i++) {
    const drive = String(i % 400).padStart(3, '0');
    parts.push(
      `<KeyUsageEvent>\n<driveSSN>000007888${drive}</driveSSN>\n<volSer>V${String(i).padStart(6, '0')}</volSer>\n<driveWWN>500507630240F${drive}</driveWWN>\n<keyAlias2>${B}</keyAlias2>\n<keyAlias1>${A}</keyAlias1>\n<dateTime>Tue Oct 18 19:35:08 GMT 2011</dateTime>\n</KeyUsageEvent>\n`,
    );
  }
  parts.push('</KeyUsageEvents>\n');
  return parts.join('');
}

/** Peak resident set of one command, in MiB, as /usr/bin/time reports it. */
function peakMiB(command: string, args: string[], env?: NodeJS.ProcessEnv): { ms: number; mib: number } {
  const { ms, stderr } = timedCommand('/usr/bin/time', ['-f', 'PEAK_KB %M', command, ...args], { env });
  const kb = Number(/PEAK_KB (\d+)/.exec(stderr)?.[1]);
  return { ms, mib: kb / 1024 };
}

async function main(): Promise<void> {
  const dir = tempDir('custos-bench-usage-');
  try {
    const big = join(dir.path, 'SKLMData-100k.xml');
    const small = join(dir.path, 'SKLMData-10k.xml');
    const config = join(dir.path, 'ISKLMConfig.properties');
    writeFileSync(big, metadata(EVENTS));
    writeFileSync(small, metadata(EVENTS / 10));
    writeFileSync(config, CONFIG);
    const home = join(dir.path, 'station');
    const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
    await station.vault.create(PASSPHRASE);
    await station.keystore.createKek({ label: A, bits: 2048 });
    await station.keystore.createKek({ label: B, bits: 2048 });

    let round = 0;
    const importing = (previewMetadata: boolean) => () =>
      timed(async () => {
        const preview = await station.devices.ekmPreview({
          name: `BENCH_${round++}`,
          config: { fileName: 'ISKLMConfig.properties', text: CONFIG },
          metadata: { fileName: 'SKLMData-100k.xml', path: big },
          previewMetadata,
        });
        const result = station.devices.ekmCommit(preview.previewId);
        if (result.events !== EVENTS) throw new Error(`imported ${result.events} events, not ${EVENTS}`);
      });
    const custos = importing(false);
    const wizard = importing(true);
    const parse = () =>
      timed(() => {
        if (scanMetadataFile(big, 'SKLMData-100k.xml', () => undefined) !== EVENTS) throw new Error('scan count');
      });
    const xmllint = () => timedCommand('xmllint', ['--stream', '--noout', big]).ms;
    progress(`import: warm-up, then ${ROUNDS} rounds`);
    await sideBySide(1, { custos, wizard, parse, xmllint });
    const s = await sideBySide(ROUNDS, { custos, wizard, parse, xmllint }, progress);

    // "used by N cartridges" at this size: one primary-key lookup.
    const lookups: number[] = [];
    let cartridges = 0;
    for (let i = 0; i < 2000; i++) lookups.push(await timed(() => (cartridges = station.devices.cartridgesUsing(A))));
    if (cartridges !== EVENTS) throw new Error(`used by ${cartridges}, not ${EVENTS}`);
    station.close();

    // Memory: a fresh `custos group import-ekm` per size, and xmllint on the same files.
    const env: NodeJS.ProcessEnv = { ...process.env, CUSTOS_PASSPHRASE: PASSPHRASE };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const cli = (file: string, name: string) =>
      peakMiB(
        process.execPath,
        [
          'bin/custos.cjs',
          '--home',
          home,
          'group',
          'import-ekm',
          '--config',
          config,
          '--metadata',
          file,
          '--name',
          name,
        ],
        env,
      );
    const cliSmall = cli(small, 'MEM_SMALL');
    const cliBig = cli(big, 'MEM_BIG');
    const lintSmall = peakMiB('xmllint', ['--stream', '--noout', small]);
    const lintBig = peakMiB('xmllint', ['--stream', '--noout', big]);

    const c = median(s.custos);
    const p = median(s.parse);
    const x = median(s.xmllint);
    const w = median(s.wizard);
    printRow({
      benchmark: `import ${EVENTS.toLocaleString('en')} key-usage events (CLI path: one pass in the commit's transaction)`,
      peer: 'xmllint --stream --noout',
      custos: formatMs(c),
      peerValue: formatMs(x),
      ratio: timeRatio(c, x),
      target: '<= 3x time',
      met: c <= 3 * x,
    });
    printRow({
      benchmark: `import ${EVENTS.toLocaleString('en')} key-usage events (wizard path: preview pass + commit pass)`,
      peer: 'xmllint --stream --noout',
      custos: formatMs(w),
      peerValue: formatMs(x),
      ratio: timeRatio(w, x),
      target: '<= 3x time',
      met: w <= 3 * x,
    });
    printRow({
      benchmark: `parse ${EVENTS.toLocaleString('en')} key-usage events (streaming scan only)`,
      peer: 'xmllint --stream --noout',
      custos: formatMs(p),
      peerValue: formatMs(x),
      ratio: timeRatio(p, x),
      target: '<= 3x time',
      met: p <= 3 * x,
    });
    printRow({
      benchmark: 'peak memory, 10k -> 100k events (custos group import-ekm, whole process)',
      peer: 'xmllint --stream --noout',
      custos: `${cliSmall.mib.toFixed(0)} -> ${cliBig.mib.toFixed(0)} MiB`,
      peerValue: `${lintSmall.mib.toFixed(1)} -> ${lintBig.mib.toFixed(1)} MiB`,
      ratio: `${(cliBig.mib / cliSmall.mib).toFixed(2)}x growth for 10x events`,
      target: 'flat',
      met: cliBig.mib < cliSmall.mib * 1.25,
    });
    printRow({
      benchmark: `"used by N cartridges" at ${EVENTS.toLocaleString('en')} events (median / p99 of 2000)`,
      peer: '-',
      custos: `${formatMs(median(lookups))} / ${formatMs(percentile(lookups, 99))}`,
      peerValue: '-',
      ratio: '-',
      target: '< 10 ms',
      met: percentile(lookups, 99) < 10,
    });
    printNote(
      `devices-usage: ${ROUNDS} rounds, medians; the CLI reads the file once (inside the commit's transaction), the wizard twice (its preview shows drives and counts first); both write ${EVENTS.toLocaleString('en')} events, their cartridge and drive inventory, and device requests. CLI wall time incl. process start and unlock: ${formatMs(cliBig.ms)} at 100k.`,
    );
  } finally {
    dir.cleanup();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
