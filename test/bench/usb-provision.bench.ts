// Benchmark: provisioning one USB access key on 4 real exFAT sticks (loop devices through FUSE).
//   Custos usb.create -> job done: list and judge the drives, generate and seal the key, then on
//   each stick temp file, fsync, rename, folder fsync, read back and compare, and record the
//   copy with its audit row. Peer: a custodian's shell script, `cp` of the same key file onto
//   the same 4 mounts and one `sync`, with no verification. Target: at most 2x the peer's time.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unlockedStation } from '../helpers/station';
import { tempDir } from '../helpers/temp';
import { exfatFuseAvailable, makeDriveRig } from '../helpers/usb-drives';
import { formatMs, median, progress, sideBySide, timed, timedCommand } from './measure';
import { printNote, printRow, timeRatio } from './table-row';

const ROUNDS = 15;
const LABELS = ['BENCH1', 'BENCH2', 'BENCH3', 'BENCH4'];

async function main(): Promise<void> {
  const available = exfatFuseAvailable();
  if (!available.ok) {
    printRow({
      benchmark: 'USB provision: 4 verified copies',
      peer: 'cp + sync',
      custos: 'not run',
      peerValue: 'not run',
      ratio: 'n/a',
      target: '≤ 2x time',
      met: null,
    });
    printNote(`USB provision was not measured: ${available.why}.`);
    return;
  }
  const { station, cleanup } = await unlockedStation();
  const rig = await makeDriveRig(LABELS, 'custos-bench-usb-');
  const scratch = tempDir('custos-bench-cp-');
  const mounts = rig.drives.map((d) => d.mountPoint);
  const usb = station.usb;
  usb.setAllowedMounts(mounts);
  let n = 0;
  try {
    const contenders = {
      custos: async () => {
        const name = `Bench ${++n}`;
        const ms = await timed(async () => {
          const result = await (await usb.create({ name, drives: mounts })).done;
          if (result.written !== 4) throw new Error(`only ${result.written} copies`);
        });
        await usb.cancel(name);
        return ms;
      },
      cp: () => {
        const script = `${mounts.map((m) => `cp "$1" "${m}/"`).join(' && ')} && sync`;
        const ms = timedCommand('sh', ['-c', script, 'sh', join(scratch.path, 'custos_peer_1.key')]).ms;
        for (const m of mounts) rmSync(join(m, 'custos_peer_1.key'), { force: true });
        return ms;
      },
    };
    progress('USB provision: warm-up');
    await contenders.custos();
    // The same number of bytes as Custos' key file for "Bench N" (97 + name + serial).
    writeFileSync(join(scratch.path, 'custos_peer_1.key'), Buffer.alloc(104, 0x42));
    progress(`USB provision: ${ROUNDS} rounds of Custos and cp + sync on ${LABELS.length} exFAT sticks`);
    const s = await sideBySide(ROUNDS, contenders, progress);
    const custos = median(s.custos);
    const cp = median(s.cp);
    printRow({
      benchmark: 'USB provision: 1 key to 4 exFAT sticks, written + read back + recorded',
      peer: 'cp of the same bytes to the 4 mounts + sync (no verification)',
      custos: `${formatMs(custos)} (median of ${ROUNDS})`,
      peerValue: `${formatMs(cp)} (median of ${ROUNDS})`,
      ratio: timeRatio(custos, cp),
      target: '≤ 2x time',
      met: custos <= 2 * cp,
    });
    printNote(
      `USB provision: 16 MiB exFAT images on loop devices mounted with exfat-fuse; Custos timed from usb.create() to its job's end (drive listing, key sealing, 4 parallel writes with fsync, rename, folder fsync and read-back, 4 database transactions with audit rows); the peer is one sh running 4 cp and a sync.`,
    );
  } finally {
    usb.close();
    await rig.cleanup();
    scratch.cleanup();
    cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
