/**
 * Schema migrations, applied in order; index i takes the database from user_version i to i+1.
 * Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: string[] = [
  // 1: vault, keystore entries, audit log.
  `
  CREATE TABLE vault (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kdf TEXT NOT NULL,                 -- JSON: { "alg": "scrypt", "N", "r", "p", "salt" (base64) }
    wrapped_key BLOB NOT NULL,         -- the vault key, sealed under the passphrase-derived key
    auto_lock_minutes INTEGER NOT NULL DEFAULT 15,
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
  );

  CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    label_key TEXT NOT NULL UNIQUE,    -- trimmed, case-folded: labels are not case-sensitive
    type TEXT NOT NULL CHECK (type IN ('kek', 'public-kek', 'secret-key', 'trusted-certificate')),
    state TEXT NOT NULL CHECK (state IN ('active', 'deactivated', 'compromised', 'destroyed')),
    algorithm TEXT NOT NULL,
    key_bits INTEGER NOT NULL,
    usage TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,              -- how it came here: generated, imported from a format
    store TEXT NOT NULL DEFAULT 'vault', -- where the secret half lives: the vault (later: a PKCS#11 token)
    sealed BLOB,                       -- secret material sealed under the vault key; NULL when public-only or destroyed
    kcv TEXT,                          -- key check value of a secret key (safe to show)
    cert_der BLOB,
    cert_sha256 TEXT,
    cert_sha1 TEXT,
    spki_sha256 TEXT,
    subject TEXT,
    issuer TEXT,
    not_before TEXT,
    not_after TEXT,
    san TEXT,
    self_signed INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX entries_spki ON entries (spki_sha256);
  CREATE INDEX entries_cert ON entries (cert_sha256);

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  `,
];
