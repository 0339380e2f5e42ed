import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import type { DriveEvent, UsbDrive } from './model';
import type { MountProbe } from './platform';

export interface DriveWatcherOptions {
  /** Cheap list of mounts, polled. */
  probe(): Promise<MountProbe[]>;
  /** Full description of the drives now mounted (only called when something changed). */
  describe(): Promise<UsbDrive[]>;
  intervalMs: number;
  /** Optional folder to watch for a faster first notice. */
  watchPath: string | null;
}

/**
 * Emits `inserted` and `removed` as drives come and go. Polls the probe (the Linux mount table
 * every ~250 ms) and describes only what changed; a failed poll is retried on the next tick.
 */
export class DriveWatcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private fsWatcher: FSWatcher | null = null;
  private known = new Map<string, { mountPoint: string; drive: UsbDrive | null }>();
  private running = false;
  private ticking = false;
  private again = false;

  constructor(
    private readonly o: DriveWatcherOptions,
    private readonly emit: (event: DriveEvent) => void,
  ) {}

  /** Resolves once the drives present at start are known (they are not reported as inserted). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.baseline();
    if (!this.running) return;
    if (this.o.watchPath) {
      try {
        this.fsWatcher = watch(this.o.watchPath, () => void this.tick());
        this.fsWatcher.on('error', () => this.fsWatcher?.close());
      } catch {
        this.fsWatcher = null; // polling alone still works
      }
    }
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.fsWatcher?.close();
    this.fsWatcher = null;
  }

  private async baseline(): Promise<void> {
    try {
      const [mounts, drives] = await Promise.all([this.o.probe(), this.o.describe()]);
      for (const m of mounts)
        this.known.set(m.key, {
          mountPoint: m.mountPoint,
          drive: drives.find((d) => d.mountPoint === m.mountPoint) ?? null,
        });
    } catch {
      // the first tick retries
    }
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.o.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      do {
        this.again = false;
        await this.compare();
      } while (this.again && this.running);
    } catch {
      // a mount table that could not be read now is read again on the next tick
    } finally {
      this.ticking = false;
    }
  }

  private async compare(): Promise<void> {
    const mounts = await this.o.probe();
    const now = new Set(mounts.map((m) => m.key));
    for (const [key, seen] of [...this.known]) {
      if (now.has(key)) continue;
      this.known.delete(key);
      if (seen.drive)
        this.emit({ type: 'removed', mountPoint: seen.mountPoint, label: seen.drive.label, id: seen.drive.id });
    }
    const added = mounts.filter((m) => !this.known.has(m.key));
    if (added.length === 0 || !this.running) return;
    const drives = await this.o.describe();
    for (const m of added) {
      const drive = drives.find((d) => d.mountPoint === m.mountPoint) ?? null;
      this.known.set(m.key, { mountPoint: m.mountPoint, drive });
      if (drive && this.running) this.emit({ type: 'inserted', drive });
    }
  }
}
