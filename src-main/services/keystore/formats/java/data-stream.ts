import { MalformedError } from '../errors';
import { decodeModifiedUtf8, encodeModifiedUtf8 } from './modified-utf8';

/** Reads what java.io.DataOutputStream writes: big-endian integers and writeUTF strings. */
export class JavaDataReader {
  private position = 0;

  constructor(private readonly bytes: Buffer) {}

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  private take(count: number, what: string): Buffer {
    if (count < 0 || this.position + count > this.bytes.length)
      throw new MalformedError(`the file ends inside ${what}`);
    const out = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return out;
  }

  u8(what: string): number {
    return this.take(1, what).readUInt8(0);
  }

  u16(what: string): number {
    return this.take(2, what).readUInt16BE(0);
  }

  i32(what: string): number {
    return this.take(4, what).readInt32BE(0);
  }

  u32(what: string): number {
    return this.take(4, what).readUInt32BE(0);
  }

  i64(what: string): bigint {
    return this.take(8, what).readBigInt64BE(0);
  }

  /** A length-prefixed byte block; a negative or oversized length is a damaged file. */
  block(what: string): Buffer {
    const length = this.i32(`the length of ${what}`);
    if (length < 0 || length > this.remaining)
      throw new MalformedError(`the length of ${what} runs past the end of the file`);
    return this.take(length, what);
  }

  bytesOf(count: number, what: string): Buffer {
    return this.take(count, what);
  }

  utf(what: string): string {
    const length = this.u16(`the length of ${what}`);
    return decodeModifiedUtf8(this.take(length, what));
  }
}

/** Builds what java.io.DataInputStream reads. */
export class JavaDataWriter {
  private readonly parts: Buffer[] = [];

  i32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    this.parts.push(b);
    return this;
  }

  u32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    this.parts.push(b);
    return this;
  }

  u8(value: number): this {
    this.parts.push(Buffer.from([value]));
    return this;
  }

  u16(value: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(value);
    this.parts.push(b);
    return this;
  }

  i64(value: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(value);
    this.parts.push(b);
    return this;
  }

  raw(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }

  block(bytes: Buffer): this {
    return this.i32(bytes.length).raw(bytes);
  }

  utf(text: string): this {
    const bytes = encodeModifiedUtf8(text);
    if (bytes.length > 0xffff) throw new RangeError('a Java string is limited to 65535 bytes');
    return this.u16(bytes.length).raw(bytes);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}
