import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort } from './ports';

export { freePort };

/**
 * Real KMIP peers for integration tests: certificates made with openssl, PyKMIP servers (only
 * Debian's /usr/bin/python3 has the module, which /usr/bin/pykmip-server uses), and
 * `openssl s_server` for TLS settings PyKMIP cannot take.
 */

export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

export interface IssueOptions {
  readonly subject: string;
  /** subjectAltName, e.g. "IP:127.0.0.1"; none unless given. */
  readonly san?: string;
  /** extendedKeyUsage, e.g. "clientAuth"; the extension is left out when undefined. */
  readonly eku?: string;
  /** Negative makes a certificate that has already expired. */
  readonly days?: number;
  /** Sign with this CA instead of the test CA. */
  readonly ca?: CertificateFiles;
  /** Reuse this private key (RSA key generation is the slow part). */
  readonly key?: string;
}

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A test PKI in a folder: a CA, a server certificate for 127.0.0.1 and a client certificate. */
export class TestPki {
  readonly ca: CertificateFiles;
  readonly server: CertificateFiles;
  readonly client: CertificateFiles;
  private serial = 1;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.ca = this.selfSigned('ca', '/CN=Custos Test CA');
    this.server = this.issue('server', { subject: '/CN=127.0.0.1', san: 'IP:127.0.0.1', eku: 'serverAuth' });
    this.client = this.issue('client', { subject: '/CN=custodian-one', eku: 'clientAuth' });
  }

  /** A self-signed CA certificate and its key. */
  selfSigned(name: string, subject: string): CertificateFiles {
    const files = { cert: join(this.dir, `${name}.pem`), key: join(this.dir, `${name}.key`) };
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      files.key,
      '-out',
      files.cert,
      '-days',
      '30',
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return files;
  }

  /** A certificate signed by the test CA (or `options.ca`). */
  issue(name: string, options: IssueOptions): CertificateFiles {
    const key = options.key ?? join(this.dir, `${name}.key`);
    const cert = join(this.dir, `${name}.pem`);
    const csr = join(this.dir, `${name}.csr`);
    const extensions = join(this.dir, `${name}.ext`);
    if (options.key === undefined)
      openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
    openssl(['req', '-new', '-key', key, '-out', csr, '-subj', options.subject]);
    const lines = ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment'];
    if (options.san !== undefined) lines.push(`subjectAltName=${options.san}`);
    if (options.eku !== undefined) lines.push(`extendedKeyUsage=${options.eku}`);
    writeFileSync(extensions, `${lines.join('\n')}\n`);
    const ca = options.ca ?? this.ca;
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.cert,
      '-CAkey',
      ca.key,
      '-set_serial',
      String(this.serial++),
      '-days',
      String(options.days ?? 30),
      '-extfile',
      extensions,
      '-out',
      cert,
    ]);
    return { cert, key };
  }

  /** The certificate's SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint(cert: string): string {
    const out = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], {
      encoding: 'utf8',
    });
    return out.trim().replace(/^.*Fingerprint=/i, '');
  }

  read(path: string): Buffer {
    return readFileSync(path);
  }
}

/** A port nobody listens on right now (bind 127.0.0.1:0, read it, close). */
function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until something accepts connections on the port, or the process exits. */
async function waitForPort(port: number, child: ChildProcess, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before listening`);
    if (await portAccepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs} ms`);
}

export interface RunningPeer {
  readonly port: number;
  readonly address: string;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** SIGKILL to the child's whole process group when it leads one (detached), else to the child. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function running(child: ChildProcess, port: number): RunningPeer {
  return {
    port,
    address: `127.0.0.1:${port}`,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        killGroup(child);
      }),
  };
}

export interface PyKmipServer extends RunningPeer {
  readonly logPath: string;
  readonly databasePath: string;
}

export interface PyKmipOptions {
  /** Server certificate; the PKI's own unless given. */
  readonly server?: CertificateFiles;
  /** Port to use (a free one unless given), e.g. to restart a server where it was. */
  readonly port?: number;
}

/** Starts /usr/bin/pykmip-server with its own port, database, policy folder and log. */
export async function startPyKmip(pki: TestPki, name: string, options: PyKmipOptions = {}): Promise<PyKmipServer> {
  const dir = join(pki.dir, name);
  const policies = join(dir, 'policies');
  mkdirSync(policies, { recursive: true });
  const port = options.port ?? (await freePort());
  const server = options.server ?? pki.server;
  const databasePath = join(dir, 'pykmip.db');
  const logPath = join(dir, 'server.log');
  const config = join(dir, 'server.conf');
  writeFileSync(
    config,
    [
      '[server]',
      'hostname=127.0.0.1',
      `port=${port}`,
      `certificate_path=${server.cert}`,
      `key_path=${server.key}`,
      `ca_path=${pki.ca.cert}`,
      'auth_suite=TLS1.2',
      'enable_tls_client_auth=True',
      `policy_path=${policies}`,
      `database_path=${databasePath}`,
      'logging_level=INFO',
      '',
    ].join('\n'),
  );
  // Its own process group: PyKMIP starts a policy watcher and a multiprocessing manager that must die with it.
  const child = spawn('/usr/bin/pykmip-server', ['-f', config, '-l', logPath], {
    cwd: dir,
    stdio: 'ignore',
    detached: true,
  });
  await waitForPort(port, child, `pykmip-server ${name}`);
  return { ...running(child, port), logPath, databasePath };
}

/** `openssl s_server` with extra arguments (e.g. -tls1_1), answering TLS on a free port. */
export async function startOpenSslServer(args: readonly string[], certificate: CertificateFiles): Promise<RunningPeer> {
  const port = await freePort();
  const child = spawn(
    'openssl',
    ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', certificate.cert, '-key', certificate.key, '-quiet', ...args],
    { stdio: ['pipe', 'ignore', 'ignore'] },
  );
  await waitForPort(port, child, 'openssl s_server');
  return running(child, port);
}
