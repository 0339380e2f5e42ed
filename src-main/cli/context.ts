import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail, CliCode, StationCode } from '../contract';
import { DATABASE_FILE, openStation, resolveStationHome } from '../services';
import type { OpenStation } from '../services';
import { writeFileAtomic } from '../services/files';
import type { CliIo } from './io';
import { readPassphrase } from './passphrase';

export interface GlobalOptions {
  home?: string;
  json?: boolean;
  passphraseFile?: string;
}

/** Shared by every command: where the station is, and how to print a result. */
export class CliContext {
  constructor(
    readonly io: CliIo,
    private readonly globals: () => GlobalOptions,
  ) {}

  get json(): boolean {
    return this.globals().json === true;
  }

  /** Tests keep the backup passphrase's scrypt cheap (2^10..2^20); a custodian's run calibrates to a second. */
  get backupKdfLogN(): number | undefined {
    const n = Number(this.io.env.CUSTOS_TEST_BACKUP_KDF_LOGN);
    return Number.isInteger(n) && n >= 10 && n <= 20 ? n : undefined;
  }

  get home(): string {
    return resolveStationHome({ flag: this.globals().home, env: this.io.env });
  }

  /**
   * Opens (and locks) the station for the length of one command. Only commands that start a
   * station (`vault init`) or work without one pass `mayCreate`: any other command on a folder
   * without a station says so and leaves the folder as it was (a mistyped --home must not
   * quietly become a new, empty station).
   */
  async withStation<T>(
    work: (station: OpenStation) => Promise<T> | T,
    options: { mayCreate?: boolean } = {},
  ): Promise<T> {
    if (!options.mayCreate) this.requireStation();
    const station = openStation(this.home, { via: 'cli', backupKdfLogN: this.backupKdfLogN });
    for (const notice of station.notices) this.io.stderr(`custos: note: ${notice}\n`);
    // A token met while unwrapping logs in from CUSTOS_TOKEN_PIN (that path cannot prompt).
    station.tokens.setPinSource(() => this.io.env.CUSTOS_TOKEN_PIN ?? null);
    try {
      return await work(station);
    } finally {
      station.close();
    }
  }

  /** As withStation, with the vault open: remembered key, else the passphrase from file, variable or prompt. */
  async withUnlockedStation<T>(work: (station: OpenStation) => Promise<T> | T): Promise<T> {
    // A vault lives in a station: without one there is nothing to unlock, and nothing is created.
    return this.withStation(async (station) => {
      station.vault.requirePresent();
      if (!station.vault.unlockFromKeychain()) {
        await station.vault.unlock(await this.passphrase('Master passphrase: '));
      }
      return work(station);
    });
  }

  /** Fails with STATION_NOT_FOUND, touching nothing, when the home holds no station. */
  requireStation(): void {
    const home = this.home;
    if (!existsSync(join(home, DATABASE_FILE)))
      fail(
        StationCode.NotFound,
        `No station at ${home}; create one with custos vault init (or choose another --home).`,
      );
  }

  /** True when the passphrase comes from a file or the environment, not a person at a prompt. */
  globalsPassphraseGiven(): boolean {
    return this.globals().passphraseFile !== undefined || this.io.env.CUSTOS_PASSPHRASE !== undefined;
  }

  passphrase(prompt: string): Promise<string> {
    return readPassphrase(this.io, { passphraseFile: this.globals().passphraseFile }, prompt);
  }

  /** Writes an output file atomically; secrets get mode 0600. */
  writeOutput(path: string, data: Buffer | string, secret: boolean): void {
    try {
      writeFileAtomic(path, data, secret ? 0o600 : 0o644);
    } catch (e) {
      fail(CliCode.OutputUnwritable, `Custos cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  }

  /** An output file that exists is overwritten only with --force: a silent overwrite can lose a key file. */
  refuseExisting(path: string): void {
    if (existsSync(path)) {
      fail(
        CliCode.OutputExists,
        `${path} already exists; nothing was written. Choose another --out, or add --force to overwrite it.`,
      );
    }
  }

  /** --json prints the value as JSON; otherwise the human lines. */
  print(value: unknown, human: () => string): void {
    this.io.stdout(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }
}
