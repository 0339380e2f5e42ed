import { openStation, resolveStationHome } from '../services';
import type { OpenStation } from '../services';
import type { CliIo } from './io';

export interface GlobalOptions {
  home?: string;
  json?: boolean;
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
    const station = openStation(this.home);
    try {
      return await work(station);
    } finally {
      station.close();
    }
  }

  /** --json prints the value as JSON; otherwise the human lines. */
  print(value: unknown, human: () => string): void {
    this.io.stdout(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }
}
