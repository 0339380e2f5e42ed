// Benchmark: connect + first Query against one PyKMIP 0.10 server (mutual TLS, TLS 1.2).
//   Custos: a new KmipClient, then run(query()): TCP + TLS, DiscoverVersions (the version is
//   negotiated on first use), Query. Also with the version configured (KMIP 1.2, no
//   DiscoverVersions). PyKMIP: a new ProxyKmipClient (KMIP 1.2), open(), Query through its
//   KMIPProxy, timed inside Python (test/bench/pykmip_peer.py). Same query functions both sides
//   (Operations, Objects, Server Information). Median of 10 each, after one warm-up.
import { join } from 'node:path';
import { KMIP_1_2, KmipClient, kmipOperations as ops, type ProtocolVersion } from '../../src-main/services/kmip';
import { startPyKmip, TestPki, type PyKmipServer } from '../helpers/pykmip';
import { tempDir } from '../helpers/temp';
import { formatMs, median, progress, timed, timedCommand } from './measure';
import { printNote, printRow, timeRatio } from './table-row';

const RUNS = 10;
const PYTHON = '/usr/bin/python3';
const PEER = join('test', 'bench', 'pykmip_peer.py');

async function main(): Promise<void> {
  const scratch = tempDir('custos-bench-kmip-connect-');
  let server: PyKmipServer | undefined;
  try {
    const pki = new TestPki(join(scratch.path, 'pki'));
    server = await startPyKmip(pki, 'connect');
    const { address, port } = server;
    const tls = {
      ca: [pki.read(pki.ca.cert)],
      certificate: pki.read(pki.client.cert),
      privateKey: pki.read(pki.client.key),
    };

    const custos = async (version?: ProtocolVersion): Promise<number> => {
      let client: KmipClient | undefined;
      let protocol = '';
      const ms = await timed(async () => {
        client = new KmipClient({ address, tls, ...(version ? { version } : {}) });
        const facts = await client.run(ops.query());
        if (facts.operations.length === 0) throw new Error('Query named no operations');
        protocol = client.session()?.protocolVersion ?? '';
      });
      client?.close();
      if (protocol === '') throw new Error('No session');
      return ms;
    };
    const pykmip = (n: number): number[] =>
      (
        JSON.parse(
          timedCommand(PYTHON, [PEER, 'connect', String(port), pki.client.cert, pki.client.key, pki.ca.cert, String(n)])
            .stdout,
        ) as { ms: number[] }
      ).ms;

    progress('KMIP connect + Query: warm-up');
    await custos();
    await custos(KMIP_1_2);
    pykmip(1);
    const negotiated: number[] = [];
    const configured: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      negotiated.push(await custos());
      configured.push(await custos(KMIP_1_2));
    }
    progress(`  Custos (negotiated) ${negotiated.map(formatMs).join(', ')}`);
    progress(`  Custos (KMIP 1.2 configured) ${configured.map(formatMs).join(', ')}`);
    const peer = pykmip(RUNS);
    progress(`  PyKMIP ${peer.map(formatMs).join(', ')}`);
    const probe = new KmipClient({ address, tls });
    await probe.connect();
    const session = probe.session();
    probe.close();

    const p = median(peer);
    for (const [label, samples] of [
      [
        `new KmipClient + run(query()), version negotiated (DiscoverVersions → ${session?.protocolVersion ?? '?'})`,
        negotiated,
      ],
      ['new KmipClient + run(query()), KMIP 1.2 configured (no DiscoverVersions)', configured],
    ] as const) {
      const c = median(samples);
      printRow({
        benchmark: `KMIP connect + first Query, PyKMIP 0.10 server, mutual TLS: ${label}`,
        peer: 'PyKMIP 0.10 ProxyKmipClient open() + query (KMIP 1.2)',
        custos: `${formatMs(c)} (median of ${RUNS})`,
        peerValue: `${formatMs(p)} (median of ${RUNS})`,
        ratio: timeRatio(c, p),
        target: 'n/a (latency, reported)',
        met: null,
      });
    }
    printNote(
      `KMIP connect: one server for all runs; each run is a new client, a TCP + TLS handshake (${session?.tlsProtocol ?? 'TLS'} ${session?.cipher ?? ''}) and its first Query (Operations, Objects, Server Information), then close. ` +
        `One warm-up each; Custos' two variants alternate, then PyKMIP's ${RUNS} run in one Python process, each timed alone (interpreter start excluded). ` +
        `Negotiated Custos costs one more round trip (DiscoverVersions) than PyKMIP, which sends its configured 1.2.`,
    );
  } finally {
    await server?.kill();
    scratch.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
