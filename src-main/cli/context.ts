import { fail, CliCode, VaultCode } from '../contract';
import { openStation, resolveStationHome } from '../services';
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

  get home(): string {
    return resolveStationHome({ flag: this.globals().home, env: this.io.env });
  }

  /** Opens (and locks) the station for the length of one command. */
  async withStation<T>(work: (station: OpenStation) => Promise<T> | T): Promise<T> {
    const station = openStation(this.home, { via: 'cli' });
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
    return this.withStation(async (station) => {
      if (station.vault.state() === 'none')
        fail(VaultCode.None, 'This station has no vault yet; create one first (custos vault init).');
      if (!station.vault.unlockFromKeychain()) {
        await station.vault.unlock(await this.passphrase('Master passphrase: '));
      }
      return work(station);
    });
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

  /** --json prints the value as JSON; otherwise the human lines. */
  print(value: unknown, human: () => string): void {
    this.io.stdout(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }
}
