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
    key_check TEXT NOT NULL,           -- HMAC of a constant under the vault key: recognises a remembered key
    auto_lock_minutes INTEGER NOT NULL DEFAULT 15,
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
  );

  CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    label_key TEXT NOT NULL UNIQUE,    -- trimmed, case-folded: labels are not case-sensitive
    type TEXT NOT NULL CHECK (type IN ('kek', 'public-kek', 'secret-key', 'trusted-certificate', 'client-identity')),
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
    csr_pem TEXT,                      -- a client identity's request, until its signed certificate arrives
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

  // 2: key servers (primary and secondary) and what the station last saw of each.
  `
  CREATE TABLE key_servers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    kmip_port INTEGER NOT NULL DEFAULT 5696,
    ipp_tcp_port INTEGER NOT NULL DEFAULT 3801,
    ipp_tls_port INTEGER NOT NULL DEFAULT 1441,
    role TEXT NOT NULL CHECK (role IN ('primary', 'secondary')),
    trust_label TEXT,                  -- keystore label of the trusted server (or CA) certificate
    identity_label TEXT,               -- keystore label of the station's client identity
    verify_hostname INTEGER NOT NULL DEFAULT 1,
    kmip_version TEXT,                 -- pinned after DiscoverVersions
    test_key_id TEXT,                  -- a designated key to Get for "test key retrieval"
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE server_health (
    server_id TEXT PRIMARY KEY REFERENCES key_servers (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    last_success TEXT,
    last_failure TEXT,
    last_failure_code TEXT,
    last_failure_reason TEXT,
    latency_ms INTEGER,
    checked_at TEXT NOT NULL
  );
  `,

  // 3: USB access-key sets and the custody record of every copy (never the key itself, unless escrow).
  `
  CREATE TABLE usb_key_sets (
    id TEXT PRIMARY KEY,               -- UUID, also written into every key file of the set
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,            -- the key-file stem: two names that give the same file names clash
    serial TEXT NOT NULL DEFAULT '',   -- the storage system's serial number
    state TEXT NOT NULL CHECK (state IN ('preparing', 'active', 'rekeying', 'erased', 'cancelled')),
    generation INTEGER NOT NULL DEFAULT 0,  -- the committed (current) generation; 0 before the first commit
    generation_created_at TEXT,
    current_kcv TEXT,                  -- key check value of the current key (safe to show)
    pending_generation INTEGER,
    pending_created_at TEXT,
    pending_kcv TEXT,
    pending_sealed BLOB,               -- the prepared key, sealed under the vault key; NULL after commit or cancel
    escrow INTEGER NOT NULL DEFAULT 0 CHECK (escrow IN (0, 1)),
    escrow_sealed BLOB,                -- the current key, sealed; only while escrow is on
    min_copies INTEGER NOT NULL DEFAULT 3,
    target_copies INTEGER NOT NULL DEFAULT 4,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    erased_at TEXT,
    CHECK (min_copies >= 1 AND target_copies >= min_copies)
  );
  CREATE UNIQUE INDEX usb_key_sets_live_name ON usb_key_sets (name_key) WHERE state NOT IN ('erased', 'cancelled');

  CREATE TABLE usb_key_copies (
    id TEXT PRIMARY KEY,
    key_set_id TEXT NOT NULL REFERENCES usb_key_sets (id),
    generation INTEGER NOT NULL,
    kcv TEXT NOT NULL,
    file_name TEXT NOT NULL,           -- as found on the drive (exFAT/FAT names are not case-sensitive)
    drive_label TEXT NOT NULL,
    volume_id TEXT NOT NULL DEFAULT '', -- filesystem serial or UUID; '' when the OS gave none
    mount_seen TEXT NOT NULL,
    kept_at TEXT NOT NULL DEFAULT '',  -- where the custodian keeps the drive ("safe B, shelf 2")
    custodian TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'stale', 'erased', 'lost')),
    written_at TEXT NOT NULL,
    last_verified_at TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX usb_key_copies_set ON usb_key_copies (key_set_id, state);
  `,
  // 4: entries bound under the vault key, and the audit log's head sealed (hardening).
  `
  ALTER TABLE entries ADD COLUMN binding TEXT;

  CREATE TABLE audit_seal (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,              -- the last row covered by the seal
    hash TEXT NOT NULL,                -- that row's chain hash
    mac TEXT NOT NULL,                 -- HMAC under a key derived from the vault key over seq and hash
    since_seq INTEGER NOT NULL         -- the first row the seal has covered (later if the seal was ever restarted)
  );
  `,
  // 5: device groups, their keys and devices, label sequences, and the key-usage inventory (EKM metadata).
  `
  CREATE TABLE device_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,     -- upper-cased: SKLM group names are unique regardless of case
    family TEXT NOT NULL,
    policy TEXT NOT NULL CHECK (policy IN ('manual', 'auto', 'pending')),
    description TEXT NOT NULL DEFAULT '',
    key_prefix TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE device_group_keys (
    group_id TEXT NOT NULL REFERENCES device_groups (id),
    label_key TEXT NOT NULL,           -- the keystore's label_key (labels are not case-sensitive)
    label TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('alias1', 'alias2', 'key', 'kek', 'certificate')),
    encoding TEXT CHECK (encoding IN ('L', 'H')),
    position INTEGER NOT NULL,
    PRIMARY KEY (group_id, label_key)
  );
  CREATE TABLE device_label_sequences (
    prefix_key TEXT PRIMARY KEY,       -- a prefix's next number only grows: a label is never reused, even destroyed
    next_number INTEGER NOT NULL
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES device_groups (id),
    serial TEXT NOT NULL,
    serial_key TEXT NOT NULL,
    wwn TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('accepted', 'pending', 'rejected', 'unknown')),
    source TEXT NOT NULL CHECK (source IN ('manual', 'metadata')),
    first_seen TEXT NOT NULL,
    decided_at TEXT,
    UNIQUE (group_id, serial_key)
  );
  CREATE INDEX devices_state ON devices (state);
  CREATE TABLE key_usage_events (
    id INTEGER PRIMARY KEY,
    group_id TEXT REFERENCES device_groups (id),
    volser TEXT NOT NULL,
    drive_serial TEXT NOT NULL,
    drive_wwn TEXT NOT NULL DEFAULT '',
    alias1_key TEXT NOT NULL,
    alias2_key TEXT NOT NULL DEFAULT '',
    at TEXT                            -- ISO time of the event; NULL when the file's date could not be read
  );
  -- The cartridge inventory per key label: "used by N" is one primary-key lookup, whatever the event count.
  CREATE TABLE key_cartridges (
    label_key TEXT NOT NULL,
    volser TEXT NOT NULL,
    PRIMARY KEY (label_key, volser)
  ) WITHOUT ROWID;
  CREATE TABLE key_drives (
    label_key TEXT NOT NULL,
    drive_serial TEXT NOT NULL,
    drive_wwn TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (label_key, drive_serial)
  ) WITHOUT ROWID;
  CREATE TABLE key_usage_counts (
    label_key TEXT PRIMARY KEY,
    cartridges INTEGER NOT NULL,
    events INTEGER NOT NULL,
    last_used TEXT
  );
  `,
  // 6: backup: archives written, what each held, custody of custodian shares, copies on backup key servers.
  `
  CREATE TABLE backup_archives (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,                -- where it was written on this station
    created_at TEXT NOT NULL,
    entry_count INTEGER NOT NULL,
    protectors TEXT NOT NULL,          -- 'passphrase', 'shares 3 of 5', or both
    share_set_id TEXT,                 -- the custodian share set, when shares protect it
    size_bytes INTEGER NOT NULL,
    verified_at TEXT                   -- last read back and checked entry by entry
  );

  CREATE TABLE backup_archive_entries (
    archive_id TEXT NOT NULL REFERENCES backup_archives (id),
    entry_id TEXT NOT NULL,            -- the keystore entry as it was when archived
    label TEXT NOT NULL,
    PRIMARY KEY (archive_id, entry_id)
  );
  CREATE INDEX backup_archive_entries_entry ON backup_archive_entries (entry_id);

  CREATE TABLE backup_share_custody (
    set_id TEXT NOT NULL,
    share_index INTEGER NOT NULL,
    share_count INTEGER NOT NULL,
    threshold INTEGER NOT NULL,
    archive_id TEXT NOT NULL REFERENCES backup_archives (id),
    holder TEXT NOT NULL DEFAULT '',   -- the custodian who keeps it
    place TEXT NOT NULL,               -- the file or drive it was written to
    volume_id TEXT NOT NULL DEFAULT '',
    written_at TEXT NOT NULL,
    PRIMARY KEY (set_id, share_index)
  );

  CREATE TABLE backup_server_copies (
    entry_id TEXT NOT NULL,
    server TEXT NOT NULL,              -- the registered server's name
    label TEXT NOT NULL,
    unique_identifiers TEXT NOT NULL,  -- the server's ids of the object(s), comma separated
    copied_at TEXT NOT NULL,
    compared_at TEXT NOT NULL,         -- read back with Get and compared
    PRIMARY KEY (entry_id, server)
  );
  `,
  // 7: PKCS#11 tokens added to the station, and which token object each token-held entry is.
  `
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,     -- trimmed, case-folded
    module_path TEXT NOT NULL,         -- the PKCS#11 library the custodian chose
    token_label TEXT NOT NULL,         -- CKA token label: slot ids change, labels do not
    serial TEXT NOT NULL DEFAULT '',   -- the token's serial when added; '' matches any
    manufacturer TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  );
  CREATE TABLE token_keys (
    entry_id TEXT PRIMARY KEY REFERENCES entries (id),
    token_id TEXT NOT NULL REFERENCES tokens (id),
    cka_id TEXT NOT NULL               -- hex; links private key, public key and certificate on the token
  );
  CREATE INDEX token_keys_token ON token_keys (token_id, cka_id);
  `,
  // 8: the station's own settings (theme, KMIP message log, the key servers' test interval), one row each.
  `
  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,               -- JSON, checked against the setting's schema when read
    changed_at TEXT NOT NULL
  );
  `,
  // 9: backup shares written each to its own USB drive: the drive's label beside its serial (volume_id).
  `
  ALTER TABLE backup_share_custody ADD COLUMN drive_label TEXT NOT NULL DEFAULT '';
  `,
  // 10: the keystore is listed a page at a time, filtered in SQL: every value a filter reads is in
  // one index in label order (the fingerprint already without colons), so counting 100,000
  // matches never reads a row, let alone a certificate's bytes. entry-store.ts uses these exact expressions.
  `
  CREATE INDEX entries_listing ON entries (
    label_key, type, state, store, not_after, kcv, replace(lower(cert_sha256), ':', ''), spki_sha256
  );
  `,
];
