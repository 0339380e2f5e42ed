import type { KmipTrafficListener } from '../client';
import { writeKmipXml, type TtlvNode } from '../ttlv';
import { redactSecrets } from './redact';
import { RollingFile, type RollingFileOptions } from './rolling-file';
import { tailMessageLog } from './tail';

export const KMIP_MESSAGE_LOG_NAME = 'kmip-messages.log';

/**
 * Every KMIP request and response as KMIP XML, secrets redacted, in a rolling file. Writing
 * never fails a key operation: a write error is kept in `lastWriteError` for health displays.
 */
export class KmipMessageLog implements KmipTrafficListener {
  private readonly file: RollingFile;
  lastWriteError: string | undefined;
  /** The custodian's setting: off, nothing is written (the file already written stays). */
  enabled = true;

  constructor(
    directory: string,
    options: RollingFileOptions = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = new RollingFile(directory, KMIP_MESSAGE_LOG_NAME, options);
  }

  get path(): string {
    return this.file.path;
  }

  /** The latest messages, whole entries only, for the console's log view. */
  tail(maxBytes?: number): string {
    return tailMessageLog(this.file.path, maxBytes);
  }

  request(server: string, message: TtlvNode): void {
    this.write(`request to ${server}`, message);
  }

  response(server: string, message: TtlvNode, elapsedMs: number): void {
    this.write(`response from ${server} after ${Math.round(elapsedMs)} ms`, message);
  }

  private write(heading: string, message: TtlvNode): void {
    if (!this.enabled) return;
    try {
      // "--" may not appear inside an XML comment.
      const safeHeading = heading.replace(/--+/g, '-');
      this.file.append(
        `<!-- ${this.now().toISOString()} ${safeHeading} -->\n${writeKmipXml(redactSecrets(message))}\n`,
      );
      this.lastWriteError = undefined;
    } catch (error) {
      this.lastWriteError = (error as NodeJS.ErrnoException).code ?? 'write failed';
    }
  }
}
