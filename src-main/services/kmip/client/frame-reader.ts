import { DEFAULT_MAX_MESSAGE_BYTES, TTLV_HEADER_BYTES, ttlvMessageLength } from '../ttlv';

/**
 * Cuts a byte stream into whole TTLV messages. The announced length is checked against the cap
 * from the first 8 bytes, so a hostile length never makes it allocate more than the cap.
 */
export class TtlvFrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: number | undefined;

  constructor(private readonly maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES) {}

  /** Bytes held that do not yet form a whole message. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Adds received bytes; returns every message they complete. Throws KMIP_TTLV_TOO_LARGE. */
  push(chunk: Uint8Array): Buffer[] {
    this.chunks.push(Buffer.from(chunk));
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < TTLV_HEADER_BYTES) break;
        this.expected = ttlvMessageLength(this.peek(TTLV_HEADER_BYTES), this.maxBytes);
      }
      if (this.buffered < this.expected) break;
      messages.push(this.take(this.expected));
      this.expected = undefined;
    }
    return messages;
  }

  private peek(length: number): Buffer {
    const first = this.chunks[0];
    if (first !== undefined && first.length >= length) return first.subarray(0, length);
    return Buffer.concat(this.chunks).subarray(0, length);
  }

  private take(length: number): Buffer {
    const all = this.chunks.length === 1 && this.chunks[0] !== undefined ? this.chunks[0] : Buffer.concat(this.chunks);
    const message = Buffer.from(all.subarray(0, length));
    const rest = all.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return message;
  }
}
