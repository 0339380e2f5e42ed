import { JavaDataWriter } from './data-stream';
import { SERIAL_CLASSES, type SerialClass } from './serial-classes';

/** A field value we write: a new String, a new byte[] or a nested object. */
export type JavaWritable =
  string | Buffer | { readonly className: string; readonly fields: Readonly<Record<string, JavaWritable>> };

const BASE_HANDLE = 0x7e0000;

/**
 * Writes one object the way java.io.ObjectOutputStream does: class descriptors and field type
 * strings are shared by back-reference, field values are always new (as in the JDK's own output).
 */
export function writeJavaObject(className: string, fields: Readonly<Record<string, JavaWritable>>): Buffer {
  const out = new JavaDataWriter().u16(0xaced).u16(5);
  new ObjectStreamBuilder(out).object(className, fields);
  return out.toBuffer();
}

class ObjectStreamBuilder {
  private next = 0;
  private readonly classHandles = new Map<string, number>();
  private readonly signatureHandles = new Map<string, number>();

  constructor(private readonly out: JavaDataWriter) {}

  private newHandle(): number {
    return BASE_HANDLE + this.next++;
  }

  private classDesc(name: string | null): void {
    if (name === null) {
      this.out.u8(0x70);
      return;
    }
    const known = this.classHandles.get(name);
    if (known !== undefined) {
      this.out.u8(0x71).i32(known);
      return;
    }
    const c = serialClass(name);
    this.out.u8(0x72).utf(c.name).i64(c.suid);
    this.classHandles.set(name, this.newHandle());
    this.out.u8(c.flags).u16(c.fields.length);
    for (const field of c.fields) {
      this.out.u8(field.typeCode.charCodeAt(0)).utf(field.name);
      const shared = this.signatureHandles.get(field.signature);
      if (shared !== undefined) {
        this.out.u8(0x71).i32(shared);
      } else {
        this.out.u8(0x74).utf(field.signature);
        this.signatureHandles.set(field.signature, this.newHandle());
      }
    }
    this.out.u8(0x78);
    this.classDesc(c.superName);
  }

  object(className: string, fields: Readonly<Record<string, JavaWritable>>): void {
    this.out.u8(0x73);
    this.classDesc(className);
    this.newHandle();
    const hierarchy: SerialClass[] = [];
    for (
      let c: SerialClass | null = serialClass(className);
      c !== null;
      c = c.superName === null ? null : serialClass(c.superName)
    ) {
      hierarchy.unshift(c);
    }
    for (const c of hierarchy) {
      for (const field of c.fields) {
        const value = fields[field.name];
        if (value === undefined) throw new Error(`field ${field.name} of ${c.name} has no value`);
        this.value(value);
      }
    }
  }

  private value(value: JavaWritable): void {
    if (typeof value === 'string') {
      this.out.u8(0x74).utf(value);
      this.newHandle();
    } else if (Buffer.isBuffer(value)) {
      this.out.u8(0x75);
      this.classDesc('[B');
      this.newHandle();
      this.out.block(value);
    } else {
      this.object(value.className, value.fields);
    }
  }
}

function serialClass(name: string): SerialClass {
  const c = SERIAL_CLASSES.get(name);
  if (c === undefined) throw new Error(`class ${name} is not one keystores hold`);
  return c;
}
