import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RollingFileOptions {
  /** Rotate once the current file would pass this size (1 MiB unless given). */
  readonly maxBytes?: number;
  /** Files kept in all, the current one included (5 unless given). */
  readonly files?: number;
}

/**
 * An append-only text file that rolls over: name, name.1 (newest old) ... name.(files-1);
 * the oldest falls off. Created owner-only, since it describes key operations.
 */
export class RollingFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly files: number;
  private size: number;

  constructor(
    readonly directory: string,
    readonly name: string,
    options: RollingFileOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.files = Math.max(1, options.files ?? 5);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    this.path = join(directory, name);
    this.size = existsSync(this.path) ? statSync(this.path).size : 0;
  }

  append(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.path, text, { mode: 0o600 });
    this.size += bytes;
  }

  private rotate(): void {
    const numbered = (n: number): string => `${this.path}.${n}`;
    rmSync(numbered(this.files - 1), { force: true });
    for (let n = this.files - 2; n >= 1; n--) {
      if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
    }
    if (this.files > 1) renameSync(this.path, numbered(1));
    else rmSync(this.path, { force: true });
    this.size = 0;
  }
}
