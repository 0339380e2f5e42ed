import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { DeviceCode, fail } from '../../../contract';

/** EKM/ISKLM key-usage metadata files above this are refused before a byte is parsed. */
export const MAX_METADATA_BYTES = 50 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** One `<KeyUsageEvent>`: a drive wrote a cartridge (volser) with data keys wrapped under one or two KEKs. */
export interface KeyUsageEvent {
  /** 1-based position in the file, for sentences that point at it. */
  readonly index: number;
  readonly driveSerial: string;
  readonly driveWwn: string;
  readonly volser: string;
  readonly alias1: string;
  readonly alias2: string;
  /** As the file wrote it: "Tue Oct 18 19:35:08 GMT 2011". */
  readonly dateTime: string;
  /** ISO 8601, or null when the date cannot be read. */
  readonly at: string | null;
}

const FIELDS: Record<string, keyof Fields> = {
  driveSSN: 'driveSerial',
  driveWWN: 'driveWwn',
  volSer: 'volser',
  keyAlias1: 'alias1',
  keyAlias2: 'alias2',
  dateTime: 'dateTime',
};
type Fields = {
  driveSerial: string;
  driveWwn: string;
  volser: string;
  alias1: string;
  alias2: string;
  dateTime: string;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A streaming scan of `<KeyUsageEvents>`: fed in chunks, it keeps only the unfinished tail and the
 * event being read, so memory stays flat whatever the file's length. It checks what it needs of
 * XML (one root, matched tags, known entities) and names the first problem.
 */
export class KeyUsageScanner {
  private buffer = '';
  private readonly stack: string[] = [];
  private started = false;
  private rootClosed = false;
  private fields: Fields | null = null;
  private field: keyof Fields | null = null;
  private text = '';
  private count = 0;

  constructor(
    private readonly fileName: string,
    private readonly onEvent: (event: KeyUsageEvent) => void,
  ) {}

  get events(): number {
    return this.count;
  }

  push(chunk: string): void {
    this.buffer += chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    if (!this.started) this.notXml('it is empty');
    if (this.buffer.trim() !== '' || this.stack.length > 0 || !this.rootClosed)
      fail(
        DeviceCode.MetadataTruncated,
        `${this.fileName} ends before </KeyUsageEvents> (after ${this.count} events): the file is truncated. Copy it again from the old key server; nothing was imported.`,
      );
  }

  private drain(final: boolean): void {
    let pos = 0;
    const b = this.buffer;
    for (;;) {
      const lt = b.indexOf('<', pos);
      const textEnd = lt === -1 ? b.length : lt;
      if (textEnd > pos) {
        // Text may be cut at the chunk's end: keep a trailing partial entity for the next chunk.
        if (lt === -1 && !final) {
          const amp = b.lastIndexOf('&');
          const cut = amp >= pos && b.indexOf(';', amp) === -1 ? amp : b.length;
          this.onText(b.slice(pos, cut));
          pos = cut;
          break;
        }
        this.onText(b.slice(pos, textEnd));
        pos = textEnd;
      }
      if (lt === -1) break;
      const end = this.markupEnd(b, lt);
      if (end === -1) break; // the tag continues in the next chunk
      this.onMarkup(b.slice(lt, end));
      pos = end;
    }
    this.buffer = b.slice(pos);
  }

  /** Index just past the markup starting at `lt`, or -1 when it is not complete yet. */
  private markupEnd(b: string, lt: number): number {
    if (b.startsWith('<!--', lt)) {
      const close = b.indexOf('-->', lt + 4);
      return close === -1 ? -1 : close + 3;
    }
    if (b.startsWith('<![CDATA[', lt)) {
      const close = b.indexOf(']]>', lt + 9);
      return close === -1 ? -1 : close + 3;
    }
    if (b.startsWith('<?', lt)) {
      const close = b.indexOf('?>', lt + 2);
      return close === -1 ? -1 : close + 2;
    }
    const close = b.indexOf('>', lt + 1);
    return close === -1 ? -1 : close + 1;
  }

  private onText(raw: string): void {
    if (raw === '') return;
    if (this.stack.length === 0) {
      if (raw.trim() === '' || (!this.started && raw.replace(/^\uFEFF/, '').trim() === '')) return;
      this.notXml(this.started ? 'it has text after </KeyUsageEvents>' : 'it does not start with an XML tag');
    }
    if (this.field) this.text += decodeEntities(raw, (e) => this.notXml(`"&${e};" is not an XML entity`));
  }

  private onMarkup(markup: string): void {
    if (markup.startsWith('<!--') || markup.startsWith('<?')) return;
    if (markup.startsWith('<![CDATA[')) {
      if (this.field) this.text += markup.slice(9, -3);
      return;
    }
    if (markup.startsWith('<!')) {
      if (this.started) this.notXml('it has a declaration inside the document');
      return; // DOCTYPE before the root: nothing to read in it
    }
    if (markup.startsWith('</')) {
      const name = markup.slice(2, -1).trim();
      const open = this.stack.pop();
      if (open !== name) this.notXml(`</${name}> closes <${open ?? 'nothing'}>`);
      this.closed(name);
      return;
    }
    const selfClosing = markup.endsWith('/>');
    const name = tagName(markup);
    if (!name) this.notXml(`"${markup.slice(0, 20)}" is not an XML tag`);
    if (this.stack.length === 0) {
      if (this.rootClosed) this.notXml('it has a second root element');
      if (name !== 'KeyUsageEvents')
        this.notXml(`its root element is <${name}>, not <KeyUsageEvents> (the EKM/ISKLM metadata, SKLMData.xml)`);
      this.started = true;
    }
    this.stack.push(name);
    this.opened(name);
    if (selfClosing) {
      this.stack.pop();
      this.closed(name);
    }
  }

  private opened(name: string): void {
    const depth = this.stack.length;
    if (depth === 2 && name === 'KeyUsageEvent')
      this.fields = { driveSerial: '', driveWwn: '', volser: '', alias1: '', alias2: '', dateTime: '' };
    else if (depth === 3 && this.fields) {
      this.field = FIELDS[name] ?? null; // unknown elements in an event are tolerated
      this.text = '';
    }
  }

  private closed(name: string): void {
    const depth = this.stack.length; // after the pop
    if (depth === 2 && this.fields && this.field) {
      this.fields[this.field] = this.text.trim();
      this.field = null;
    } else if (depth === 1 && name === 'KeyUsageEvent' && this.fields) {
      const f = this.fields;
      this.fields = null;
      this.count++;
      const missing = !f.volser ? 'volSer' : !f.driveSerial ? 'driveSSN' : !f.alias1 ? 'keyAlias1' : null;
      if (missing)
        fail(
          DeviceCode.MetadataEventInvalid,
          `${this.fileName}: event ${this.count} has no ${missing}; nothing was imported.`,
        );
      this.onEvent({ index: this.count, ...f, at: parseEkmDate(f.dateTime) });
    } else if (depth === 0) {
      this.rootClosed = true;
    }
  }

  private notXml(why: string): never {
    fail(DeviceCode.MetadataNotXml, `${this.fileName} is not EKM key-usage metadata: ${why}. Nothing was imported.`);
  }
}

/** The element name of an opening tag, without a regular expression (this runs for every tag of the file). */
function tagName(markup: string): string | null {
  let end = 1;
  while (end < markup.length) {
    const c = markup.charCodeAt(end);
    // whitespace, '/' or '>' end the name
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    end++;
  }
  const name = markup.slice(1, end);
  return /^[A-Za-z_][\w.:-]*$/.test(name) ? name : null;
}

function decodeEntities(raw: string, unknown: (entity: string) => never): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;]*);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? unknown(entity);
  });
}

const MONTHS: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

/** Java's Date.toString(): "Tue Oct 18 19:35:08 GMT 2011" (GMT/UTC only; other zones stay unread). */
export function parseEkmDate(text: string): string | null {
  const m = /^\w{3} (\w{3}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}) (GMT|UTC) (\d{4})$/.exec(text.trim());
  const month = m ? MONTHS[m[1] ?? ''] : undefined;
  if (!m || !month) return null;
  return `${m[5]}-${month}-${(m[2] ?? '').padStart(2, '0')}T${m[3]}Z`;
}

function tooLarge(fileName: string, bytes: number): never {
  fail(
    DeviceCode.MetadataTooLarge,
    `${fileName} is ${(bytes / 1024 / 1024).toFixed(1)} MB; key-usage metadata files above ${MAX_METADATA_BYTES / 1024 / 1024} MB are refused. Split it with the old key server's tools and import the parts.`,
  );
}

/** Scans a metadata file in 64 KB reads (synchronous, so it can run inside one database transaction). */
export function scanMetadataFile(path: string, fileName: string, onEvent: (event: KeyUsageEvent) => void): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    fail(
      DeviceCode.MetadataNotXml,
      `Custos cannot read ${fileName} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_METADATA_BYTES) tooLarge(fileName, size);
    const scanner = new KeyUsageScanner(fileName, onEvent);
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      scanner.push(decoder.write(chunk.subarray(0, read)));
    }
    scanner.push(decoder.end());
    scanner.end();
    return scanner.events;
  } finally {
    closeSync(fd);
  }
}

/** Scans metadata that arrived as text (the wizard), in the same 64 KB steps. */
export function scanMetadataText(text: string, fileName: string, onEvent: (event: KeyUsageEvent) => void): number {
  if (text.length > MAX_METADATA_BYTES || Buffer.byteLength(text) > MAX_METADATA_BYTES)
    tooLarge(fileName, Buffer.byteLength(text));
  const scanner = new KeyUsageScanner(fileName, onEvent);
  for (let i = 0; i < text.length; i += CHUNK_BYTES) scanner.push(text.slice(i, i + CHUNK_BYTES));
  scanner.end();
  return scanner.events;
}
