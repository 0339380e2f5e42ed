// A station with a very large keystore, built in seconds: a vault made through the service, then
// metadata rows (secret keys and trusted certificates, no key material) written straight into
// its database, each bound under the vault key as the keystore binds the rows it writes. The rows are then as trusted as any: the screen, the
// CLI and the benches list them through the real binding check.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStation } from '../../src-main/services';
import { bindingData } from '../../src-main/services/keystore/binding';
import type { EntryRow } from '../../src-main/services/keystore/entry-store';
import { DATABASE_FILE } from '../../src-main/services/station';

/** The cheapest scrypt cost the vault accepts: unlock time is not what these stations measure. */
export const LARGE_KDF_LOG_N = 15;

/** `publicKekEvery`: every Nth entry (of the certificates) is a partner's public KEK instead, for the KEK pickers. */
export async function seedLargeKeystore(
  home: string,
  rows: number,
  passphrase: string,
  options: { publicKekEvery?: number } = {},
): Promise<void> {
  const created = openStation(home, { via: 'cli', keychain: null, kdfLogN: LARGE_KDF_LOG_N });
  try {
    await created.vault.create(passphrase);
  } finally {
    created.close();
  }
  // The vault key binds each row, as the keystore binds the rows it writes (see binding.ts).
  const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: LARGE_KDF_LOG_N });
  try {
    await station.vault.unlock(passphrase);
    const db = new Database(join(home, DATABASE_FILE));
    try {
      const columns = [...Object.keys(syntheticRow(0)), 'binding'];
      const insert = db.prepare(
        `INSERT INTO entries (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      db.transaction(() => {
        for (let i = 0; i < rows; i++) {
          const row = { ...syntheticRow(i, options.publicKekEvery), csr_pem: null } as unknown as EntryRow;
          insert.run({ ...row, binding: station.vault.macFor('entry', bindingData(row)) });
        }
      })();
    } finally {
      db.close();
    }
    const { total } = station.keystore.page({ limit: 1000, offset: rows - 1000 > 0 ? rows - 1000 : 0 });
    if (total !== rows) throw new Error(`The station holds ${total} entries, not ${rows}.`);
  } finally {
    station.close();
  }
}

/** The columns of one entries row that the seed fills; the rest keep their defaults. */
type SeedRow = Record<string, string | number | null>;

const SITES = ['Zurich', 'Geneva', 'Basel', 'Bern', 'Lugano', 'Lausanne', 'Chur', 'Sion'];
const KINDS = ['Tape Pool', 'Disk Array', 'Backup KEK', 'Partner CA', 'Vault Key', 'Archive Key', 'Replica', 'DR Pool'];

/** Entry i of a large keystore: labels unique for i < 100,000; every other one a certificate, some expiring soon. */
export function syntheticRow(i: number, publicKekEvery = 0): SeedRow {
  const now = new Date().toISOString();
  const certificate = i % 2 === 0;
  const label = `${SITES[i % SITES.length]} ${KINDS[Math.floor(i / SITES.length) % KINDS.length]} ${String((i * 7919) % 100_000).padStart(5, '0')}`;
  const sha256 = randomBytes(32).toString('hex').toUpperCase().match(/../g)?.join(':') ?? '';
  const notAfter = new Date(Date.now() + ((i % 1000) - 100) * 86_400_000).toISOString();
  return {
    id: randomUUID(),
    label,
    label_key: label.toLowerCase(),
    type: certificate
      ? publicKekEvery && i % publicKekEvery === 0
        ? 'public-kek'
        : 'trusted-certificate'
      : 'secret-key',
    state: i % 17 === 0 ? 'deactivated' : i % 1001 === 0 ? 'compromised' : 'active',
    algorithm: certificate ? 'RSA' : 'AES',
    key_bits: certificate ? 3072 : 256,
    usage: certificate ? 'trust anchor' : 'symmetric key',
    notes: '',
    origin: 'seeded for a large-keystore test',
    store: 'vault',
    sealed: null,
    kcv: certificate ? null : randomBytes(3).toString('hex').toUpperCase(),
    cert_der: null,
    cert_sha256: certificate ? sha256 : null,
    cert_sha1: certificate ? (randomBytes(20).toString('hex').toUpperCase().match(/../g)?.join(':') ?? '') : null,
    spki_sha256: certificate ? randomBytes(32).toString('hex') : null,
    subject: certificate ? `CN=${label}` : null,
    issuer: certificate ? `CN=${label}` : null,
    not_before: certificate ? now : null,
    not_after: certificate ? notAfter : null,
    san: certificate ? '' : null,
    self_signed: certificate ? 1 : null,
    created_at: now,
    updated_at: now,
  };
}
