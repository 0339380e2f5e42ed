// The 10,000-key station the list and import benchmarks share, and the same keys as one PKCS#12
// file for keytool. The vault's scrypt cost is calibrated on this machine, as a custodian's is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStation } from '../../src-main/services';
import { exportEntries } from '../../src-main/services/keystore';
import { behindCustos } from '../helpers/station';
import { tempDir } from '../helpers/temp';
import { formatMs, progress, timed } from './measure';

export const KEYSTORE_SIZE = 10_000;
const KEKS = 10;
export const PASSPHRASE = 'bench passphrase, long enough';
export const STORE_PASSWORD = 'bench-store-pass';

export interface TenThousandKeys {
  /** A closed station home whose vault holds the keys (the CLI opens it). */
  home: string;
  /** The same keys exported by Custos as PKCS#12 (PBES2/AES-256, 10,000 iterations, like keytool 17). */
  pkcs12: string;
  /** scrypt cost of the vault, as calibrated here. */
  scryptLogN: number;
  cleanup(): void;
}

export async function tenThousandKeys(): Promise<TenThousandKeys> {
  const dir = tempDir('custos-bench-10k-');
  const home = join(dir.path, 'station');
  try {
    const scryptLogN = await fill(home);
    return { home, pkcs12: join(dir.path, 'same-keys.p12'), scryptLogN, cleanup: dir.cleanup };
  } catch (e) {
    dir.cleanup();
    throw e;
  }
}

/** Creates the vault and the keys, writes same-keys.p12 next to the home; returns the scrypt cost. */
async function fill(home: string): Promise<number> {
  const station = openStation(home, { via: 'cli', keychain: null });
  try {
    progress('fixture: creating the vault (calibrating scrypt)');
    await station.vault.create(PASSPHRASE);
    const { kdf } = behindCustos(home, (db) => db.prepare('SELECT kdf FROM vault WHERE id = 1').get()) as {
      kdf: string;
    };
    const scryptLogN = Math.log2((JSON.parse(kdf) as { N: number }).N);
    const made = await timed(async () => {
      for (let i = 1; i <= KEKS; i++)
        await station.keystore.createKek({ label: `Site KEK ${String(i).padStart(2, '0')}`, bits: 3072 });
      for (let i = 1; i <= KEYSTORE_SIZE - KEKS; i++)
        await station.keystore.createSecretKey({ label: `Tape Pool ${String(i).padStart(5, '0')}` });
    });
    progress(
      `fixture: ${KEKS} RSA-3072 KEKs and ${KEYSTORE_SIZE - KEKS} AES-256 keys created one by one through the keystore in ${formatMs(made)}`,
    );
    const labels = station.keystore.list().map((e) => e.label);
    let bytes: Buffer = Buffer.alloc(0);
    const exported = await timed(() => {
      bytes = exportEntries(station.keystore, station.audit, {
        labels,
        format: 'pkcs12',
        storePassword: STORE_PASSWORD,
      }).bytes;
    });
    writeFileSync(join(home, '..', 'same-keys.p12'), bytes);
    progress(
      `fixture: exported all ${labels.length} as PKCS#12 (${(bytes.length / 1e6).toFixed(1)} MB) in ${formatMs(exported)}`,
    );
    return scryptLogN;
  } finally {
    station.close();
  }
}
