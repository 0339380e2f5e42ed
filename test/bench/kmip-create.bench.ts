// Benchmark: 1,000 AES-256 keys created and activated on one PyKMIP 0.10 server.
//   Custos KmipClient on one connection: one batch of 1,000 Creates, then one batch of 1,000
//   Activates with the returned ids (PyKMIP refuses Create + Activate chained by placeholder),
//   against PyKMIP's own ProxyKmipClient on one connection, create + activate one pair at a time
//   (test/bench/pykmip_peer.py, timed inside Python). Both speak KMIP 1.2. Each side gets a fresh
//   server every round (same PKI), so neither inherits the other's database. Target: Custos
//   at most 1/2.5 of PyKMIP's wall time.
// PyKMIP creates a key in ~25 ms, so a round is about a minute per side; CUSTOS_BENCH_KMIP_N and
// CUSTOS_BENCH_KMIP_ROUNDS shrink it for a quick check.
import { join } from 'node:path';
import { KMIP_1_2, KmipClient, kmipOperations as ops } from '../../src-main/services/kmip';
import { startPyKmip, TestPki, type PyKmipServer } from '../helpers/pykmip';
import { tempDir } from '../helpers/temp';
import { formatMs, median, progress, sideBySide, timed, timedCommand } from './measure';
import { printNote, printRow, timeRatio } from './table-row';

const N = Number(process.env.CUSTOS_BENCH_KMIP_N ?? 1000);
const ROUNDS = Number(process.env.CUSTOS_BENCH_KMIP_ROUNDS ?? 3);
const PYTHON = '/usr/bin/python3';
const PEER = join('test', 'bench', 'pykmip_peer.py');
const BATCH_TIMEOUT_MS = 600_000;

async function main(): Promise<void> {
  const scratch = tempDir('custos-bench-kmip-create-');
  const servers: PyKmipServer[] = [];
  let serial = 0;
  try {
    const pki = new TestPki(join(scratch.path, 'pki'));
    const fresh = async (): Promise<PyKmipServer> => {
      const server = await startPyKmip(pki, `server-${++serial}`);
      servers.push(server);
      return server;
    };

    const split: string[] = [];
    const custos = async (): Promise<number> => {
      const server = await fresh();
      const client = new KmipClient({
        address: server.address,
        tls: {
          ca: [pki.read(pki.ca.cert)],
          certificate: pki.read(pki.client.cert),
          privateKey: pki.read(pki.client.key),
        },
        version: KMIP_1_2,
        requestTimeoutMs: BATCH_TIMEOUT_MS,
      });
      try {
        return await timed(async () => {
          const started = performance.now();
          const created = await client.batch(
            Array.from({ length: N }, () => ops.create({ bits: 256 })),
            { timeoutMs: BATCH_TIMEOUT_MS },
          );
          const ids = created.map((r) => {
            if (r.status !== 'ok')
              throw new Error(`A Create failed: ${r.status === 'failed' ? r.error.message : r.status}`);
            return r.value.uniqueIdentifier;
          });
          const createdAt = performance.now();
          const activated = await client.batch(
            ids.map((id) => ops.activate(id)),
            { timeoutMs: BATCH_TIMEOUT_MS },
          );
          split.push(`${formatMs(createdAt - started)} + ${formatMs(performance.now() - createdAt)}`);
          const bad = activated.filter((r) => r.status !== 'ok').length;
          if (bad > 0 || new Set(ids).size !== N)
            throw new Error(`${bad} Activates failed; ${new Set(ids).size} distinct ids`);
        });
      } finally {
        client.close();
        await server.kill();
      }
    };

    const pykmip = async (): Promise<number> => {
      const server = await fresh();
      try {
        const out = timedCommand(PYTHON, [
          PEER,
          'create',
          String(server.port),
          pki.client.cert,
          pki.client.key,
          pki.ca.cert,
          String(N),
        ]);
        const result = JSON.parse(out.stdout) as { ms: number; created: number };
        if (result.created !== N) throw new Error(`PyKMIP created ${result.created} distinct keys, not ${N}`);
        return result.ms;
      } finally {
        await server.kill();
      }
    };

    progress(`KMIP Create + Activate: ${ROUNDS} round(s) of ${N} pairs per side, fresh PyKMIP server each`);
    const s = await sideBySide(ROUNDS, { custos, pykmip }, progress);
    const c = median(s.custos);
    const p = median(s.pykmip);
    const runs = ROUNDS === 1 ? 'one run' : `median of ${ROUNDS}`;
    printRow({
      benchmark: `KMIP ${N.toLocaleString('en-US')} x AES-256 Create + Activate, PyKMIP 0.10 server, one connection, KMIP 1.2: KmipClient batch of ${N} Creates + batch of ${N} Activates`,
      peer: 'PyKMIP 0.10 ProxyKmipClient create + activate per key',
      custos: `${formatMs(c)} (${runs}; ${((2 * N) / (c / 1000)).toFixed(0)} ops/s)`,
      peerValue: `${formatMs(p)} (${runs}; ${((2 * N) / (p / 1000)).toFixed(0)} ops/s)`,
      ratio: timeRatio(c, p),
      target: '≤ 0.4x time (2.5x less)',
      met: c * 2.5 <= p,
    });
    printNote(
      `KMIP Create + Activate: ${ROUNDS} round(s), order flipped each round, a fresh PyKMIP server (new empty database, same test PKI, mutual TLS) for every run of either side. ` +
        `Wall time from the first request (TLS connect included) to the last Activate answer; PyKMIP's is timed inside Python (interpreter start excluded). ` +
        `Custos: ${s.custos.map(formatMs).join(', ')} (Create batch + Activate batch: ${split.join('; ')}); PyKMIP: ${s.pykmip.map(formatMs).join(', ')}. The server does all the key generation and database work for both.`,
    );
  } finally {
    for (const server of servers) await server.kill();
    scratch.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
