// Benchmark: copy of 1,000 AES-256 keys to a PyKMIP 0.10 backup key server.
//   Custos: `custos backup to-server NAME --all` through the service (BackupService.startCopyToServer):
//   what the server holds by name (one Locate + batched Get Attributes), then per batch of 25 keys
//   a Register batch and a read-back Get batch, compared, with the custody rows; over the
//   station's key-server pair (mutual TLS, KMIP 1.2).
//   Peer: PyKMIP's own ProxyKmipClient registering the same 1,000 keys (same names, same bytes)
//   one by one on one connection (test/bench/pykmip_peer.py register, timed inside Python):
//   no Locate, no read-back. Each side gets a fresh server every round (same PKI), so neither
//   inherits the other's database. Target: Custos at least 2x PyKMIP's keys/s.
// CUSTOS_BENCH_COPY_N and CUSTOS_BENCH_COPY_ROUNDS shrink it for a quick check.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStation } from '../../src-main/services';
import type { OpenStation } from '../../src-main/services';
import { startPyKmip, TestPki, type PyKmipServer } from '../helpers/pykmip';
import { registerPyKmip, trustTestPki } from '../helpers/pykmip-station';
import { tempDir } from '../helpers/temp';
import { formatMs, median, progress, sideBySide, timed, timedCommand } from './measure';
import { printNote, printRow } from './table-row';

const N = Number(process.env.CUSTOS_BENCH_COPY_N ?? 1000);
const ROUNDS = Number(process.env.CUSTOS_BENCH_COPY_ROUNDS ?? 3);
const PYTHON = '/usr/bin/python3';
const PEER = join('test', 'bench', 'pykmip_peer.py');
const PASSPHRASE = 'correct horse battery staple';
const SERVER = 'Backup KMS';

async function main(): Promise<void> {
  const scratch = tempDir('custos-bench-backup-to-server-');
  const servers: PyKmipServer[] = [];
  let serial = 0;
  let station: OpenStation | null = null;
  try {
    const pki = new TestPki(join(scratch.path, 'pki'));
    const fresh = async (): Promise<PyKmipServer> => {
      const server = await startPyKmip(pki, `server-${++serial}`);
      servers.push(server);
      return server;
    };
    progress(`backup to-server: a station with ${N} AES-256 keys`);
    station = openStation(join(scratch.path, 'home'), { via: 'cli', keychain: null, kdfLogN: 15 });
    await station.vault.create(PASSPHRASE);
    const ks = station.keystore;
    trustTestPki(station, pki, 'bench');
    const lines: string[] = [];
    for (let i = 0; i < N; i++) {
      const label = `DISK KEY ${String(i).padStart(4, '0')}`;
      await ks.createSecretKey({ label });
      const { secret } = ks.secretOf(label);
      lines.push(`${label}\t${secret.toString('hex')}`);
      secret.fill(0);
    }
    // The peer registers the very same keys under the same names.
    const keyFile = join(scratch.path, 'keys.tsv');
    writeFileSync(keyFile, `${lines.join('\n')}\n`, { mode: 0o600 });
    lines.length = 0;

    const open = station;
    const custos = async (): Promise<number> => {
      const server = await fresh();
      // A new registration per round: the pair opens a fresh connection, as a CLI run does.
      const name = `${SERVER} ${serial}`;
      registerPyKmip(open, server, name, 'secondary');
      try {
        return await timed(async () => {
          const report = await open.backup.startCopyToServer(name, { all: true }).done;
          if (report.copied !== N || report.problems !== 0)
            throw new Error(
              `Copied ${report.copied} of ${N}, ${report.problems} problems: ${report.keys.find((k) => k.outcome !== 'copied')?.detail ?? ''}`,
            );
        });
      } finally {
        open.servers.closeConnections();
        await server.kill();
      }
    };

    const pykmip = async (): Promise<number> => {
      const server = await fresh();
      try {
        const out = timedCommand(PYTHON, [
          PEER,
          'register',
          String(server.port),
          pki.client.cert,
          pki.client.key,
          pki.ca.cert,
          keyFile,
        ]);
        const result = JSON.parse(out.stdout) as { ms: number; registered: number };
        if (result.registered !== N) throw new Error(`PyKMIP registered ${result.registered} keys, not ${N}`);
        return result.ms;
      } finally {
        await server.kill();
      }
    };

    progress(`backup to-server: ${ROUNDS} round(s) of ${N} keys per side, fresh PyKMIP server each`);
    const s = await sideBySide(ROUNDS, { custos, pykmip }, progress);
    const c = median(s.custos);
    const p = median(s.pykmip);
    const rate = (ms: number) => N / (ms / 1000);
    const runs = ROUNDS === 1 ? 'one run' : `median of ${ROUNDS}`;
    printRow({
      benchmark: `Copy of ${N.toLocaleString('en-US')} AES-256 keys to a PyKMIP 0.10 backup server (custos backup to-server --all: names on the server, Register, Get back and compare, custody recorded; KMIP batches of 25)`,
      peer: 'PyKMIP 0.10 ProxyKmipClient, one Register per key (same keys, same names; no Locate, no read-back)',
      custos: `${rate(c).toFixed(0)} keys/s (${formatMs(c)}, ${runs})`,
      peerValue: `${rate(p).toFixed(0)} keys/s (${formatMs(p)}, ${runs})`,
      ratio: `${(rate(c) / rate(p)).toFixed(2)}x keys/s`,
      target: '≥ 2x keys/s',
      met: rate(c) >= 2 * rate(p),
    });
    printNote(
      `backup to-server: ${ROUNDS} round(s), order flipped each round, a fresh PyKMIP server (new empty database, same test PKI, mutual TLS) for every run of either side. ` +
        `Custos: ${s.custos.map(formatMs).join(', ')} (TLS connect, every Locate, Register and Get, the comparison and the custody rows); PyKMIP: ${s.pykmip.map(formatMs).join(', ')} (timed inside Python, interpreter start excluded).`,
    );
  } finally {
    station?.close();
    for (const server of servers) await server.kill();
    scratch.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
