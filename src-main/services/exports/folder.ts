import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EedkWrapResult, ExportResult } from '../../contract';
import type { AuditLog } from '../audit';
import type { EedkService, WrapRequest } from '../eedk';
import { writeFileAtomic } from '../files';
import { exportEntries } from '../keystore';
import type { ExportRequest, Keystore } from '../keystore';

export interface ExportsFolderOptions {
  /** The station's exports/ folder; made (0700) on first use. */
  dir: string;
  keystore: Keystore;
  eedk: EedkService;
  audit: AuditLog;
  now?: () => Date;
}

/** Longest part of a file name taken from a label: names stay readable in a file dialog. */
const STEM_CHARS = 40;

/**
 * Files made for the custodian when no path was given (from the UI): keystore exports and EEDK
 * files, written into the station's exports/ folder with a name that says what and when,
 * atomically and readable by the station's OS user only. The renderer gets the path, never
 * the bytes.
 */
export class ExportsFolder {
  private readonly now: () => Date;

  constructor(private readonly o: ExportsFolderOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Keys or certificates in a keystore file: "Tape_KEK+2-2026-12-05T10-00-00-000Z.p12". */
  exportKeys(request: ExportRequest): ExportResult {
    const file = exportEntries(this.o.keystore, this.o.audit, request);
    try {
      const more = request.labels.length > 1 ? `+${request.labels.length - 1}` : '';
      const path = this.write(`${fileStem(request.labels[0] ?? 'keys')}${more}`, file.extension, file.bytes);
      return { path, format: request.format, entries: file.entries, warning: file.warning };
    } finally {
      file.bytes.fill(0);
    }
  }

  /** A fresh data key wrapped under one or two KEKs: "eedk-A1B2C3-<time>.eedk", named by its check value. */
  wrapEedk(request: WrapRequest): EedkWrapResult {
    const { file, kcv } = this.o.eedk.wrap(request);
    return { path: this.write(`eedk-${kcv}`, 'eedk', file), kcv };
  }

  /** Writes a new file into the folder and returns its path; an earlier file is never replaced. */
  private write(stem: string, extension: string, bytes: Uint8Array): string {
    mkdirSync(this.o.dir, { recursive: true, mode: 0o700 });
    const base = `${stem}-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    let path = join(this.o.dir, `${base}.${extension}`);
    // Two exports in one millisecond: the second gets "-2" rather than replacing the first.
    for (let n = 2; existsSync(path); n++) path = join(this.o.dir, `${base}-${n}.${extension}`);
    writeFileAtomic(path, bytes, 0o600);
    return path;
  }
}

/** A label as a file-name part: letters, digits, dot, dash and underscore only, at most 40 characters. */
export function fileStem(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, STEM_CHARS) || 'keys';
}
