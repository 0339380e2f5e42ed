import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyServerView, ServerRole } from '../../src-main/contract';
import { openStation } from '../../src-main/services';
import type { OpenStation } from '../../src-main/services';
import { startPyKmip, TestPki } from './pykmip';
import type { PyKmipServer } from './pykmip';
import { PASSPHRASE } from './station';

/** The labels the station's side of the test PKI is kept under. */
export const STATION_IDENTITY = 'Station identity';
export const TEST_CA = 'Test CA';

/**
 * What the certificate exchange leaves in a station, done directly: the PKI's client certificate
 * and key as the station identity (PyKMIP gives objects to that certificate's CN, so PyKMIP's own
 * client with the same certificate sees them), and the PKI's CA as trusted.
 */
export function trustTestPki(station: OpenStation, pki: TestPki, origin = 'test PKI'): void {
  station.keystore.add({
    label: STATION_IDENTITY,
    type: 'client-identity',
    origin,
    secret: createPrivateKey(readFileSync(pki.client.key)).export({ type: 'pkcs8', format: 'der' }),
    certificateDer: new X509Certificate(readFileSync(pki.client.cert)).raw,
  });
  station.keystore.add({
    label: TEST_CA,
    type: 'trusted-certificate',
    origin,
    certificateDer: new X509Certificate(readFileSync(pki.ca.cert)).raw,
  });
}

/** A key server registered at a PyKMIP server's port, bound to the trusted CA and the station identity. */
export function registerPyKmip(
  station: OpenStation,
  server: PyKmipServer,
  name: string,
  role: ServerRole = 'primary',
): KeyServerView {
  return station.servers.registry.add({
    name,
    address: '127.0.0.1',
    kmipPort: server.port,
    role,
    trustLabel: TEST_CA,
    identityLabel: STATION_IDENTITY,
  });
}

export interface PyKmipPeer {
  /** The key server's name in the station. */
  readonly name: string;
  readonly role?: ServerRole;
  /** The PyKMIP server's folder under the PKI (its database and log); the name unless given. */
  readonly folder?: string;
}

export interface PyKmipStation {
  readonly pki: TestPki;
  /** The PyKMIP servers, in the order asked for. */
  readonly servers: PyKmipServer[];
  /** Open, its vault created and unlocked (PASSPHRASE); a test may close it to serve the home. */
  readonly station: OpenStation;
  readonly home: string;
  /** Closes the station (if still open) and kills the servers. */
  stop(): Promise<void>;
}

/**
 * A station paired with real PyKMIP servers: a test PKI in `dir`/pki, one PyKMIP server per peer,
 * a station in `dir`/home with its vault created, the PKI's identity and CA trusted and each
 * server registered with them.
 */
export async function pyKmipStation(
  dir: string,
  peers: readonly PyKmipPeer[],
  options: { origin?: string } = {},
): Promise<PyKmipStation> {
  const pki = new TestPki(join(dir, 'pki'));
  const servers = await Promise.all(peers.map((p) => startPyKmip(pki, p.folder ?? p.name)));
  const kill = () => Promise.all(servers.map((s) => s.kill())).then(() => undefined);
  const home = join(dir, 'home');
  let station: OpenStation;
  try {
    station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
  } catch (error) {
    await kill();
    throw error;
  }
  const stop = async () => {
    try {
      station.close();
    } catch {
      // already closed by the test
    }
    await kill();
  };
  try {
    await station.vault.create(PASSPHRASE);
    trustTestPki(station, pki, options.origin);
    peers.forEach((peer, i) => registerPyKmip(station, servers[i] as PyKmipServer, peer.name, peer.role));
  } catch (error) {
    await stop();
    throw error;
  }
  return { pki, servers, station, home, stop };
}
