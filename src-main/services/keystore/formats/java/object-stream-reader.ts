import { MalformedError } from '../errors';
import type { JavaDataReader } from './data-stream';
import { SERIAL_CLASSES, isEnumClass, type SerialClass } from './serial-classes';

/** A value from a Java serialization stream, restricted to what sealed JCEKS keys contain. */
export type JavaValue =
  | null
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Buffer }
  | { readonly type: 'object'; readonly className: string; readonly fields: ReadonlyMap<string, JavaValue> }
  | { readonly type: 'enum'; readonly className: string; readonly constant: string };

const STREAM_MAGIC = 0xaced;
const STREAM_VERSION = 5;
const BASE_HANDLE = 0x7e0000;
const MAX_DEPTH = 8;

const TC = {
  Null: 0x70,
  Reference: 0x71,
  ClassDesc: 0x72,
  Object: 0x73,
  String: 0x74,
  Array: 0x75,
  EndBlockData: 0x78,
  Enum: 0x7e,
} as const;

type Handle = SerialClass | JavaValue;

/**
 * Reads one object from a java.io.ObjectOutputStream stream at the reader's position, refusing
 * any class outside the allow-list, any mismatched serialVersionUID and any custom write data.
 */
export function readJavaObject(reader: JavaDataReader): JavaValue {
  if (reader.u16('the Java serialization header') !== STREAM_MAGIC)
    throw new MalformedError('a Java object stream has the wrong magic');
  if (reader.u16('the Java serialization version') !== STREAM_VERSION)
    throw new MalformedError('a Java object stream has an unknown version');
  return new ObjectStreamParser(reader).content(0);
}

class ObjectStreamParser {
  private readonly handles: Handle[] = [];

  constructor(private readonly reader: JavaDataReader) {}

  content(depth: number): JavaValue {
    if (depth > MAX_DEPTH) throw new MalformedError('a Java object stream nests too deeply');
    const code = this.reader.u8('a Java object stream');
    switch (code) {
      case TC.Null:
        return null;
      case TC.Reference: {
        const target = this.reference();
        if (isSerialClass(target))
          throw new MalformedError('a Java object stream refers to a class where a value belongs');
        return target;
      }
      case TC.String:
        return this.remember({ type: 'string', value: this.reader.utf('a Java string') });
      case TC.Array:
        return this.byteArray();
      case TC.Object:
        return this.object(depth);
      case TC.Enum:
        return this.enumConstant(depth);
      default:
        throw new MalformedError(
          `a Java object stream holds type code 0x${code.toString(16)}, which keystores never contain`,
        );
    }
  }

  private remember<T extends Handle>(value: T): T {
    this.handles.push(value);
    return value;
  }

  private reference(): Handle {
    const handle = this.reader.i32('a Java back-reference') - BASE_HANDLE;
    const target = this.handles[handle];
    if (target === undefined) throw new MalformedError('a Java object stream refers to an object it never wrote');
    return target;
  }

  private classDesc(): SerialClass | null {
    const code = this.reader.u8('a Java class descriptor');
    if (code === TC.Null) return null;
    if (code === TC.Reference) {
      const target = this.reference();
      if (!isSerialClass(target))
        throw new MalformedError('a Java object stream refers to a value where a class belongs');
      return target;
    }
    if (code !== TC.ClassDesc) throw new MalformedError('a Java object stream has a malformed class descriptor');
    const name = this.reader.utf('a Java class name');
    const expected = SERIAL_CLASSES.get(name);
    if (expected === undefined)
      throw new MalformedError(`a sealed key contains Java class ${name}, which keystores never hold`);
    const suid = this.reader.i64('a Java serialVersionUID');
    this.handles.push(expected);
    const flags = this.reader.u8('Java class flags');
    const fieldCount = this.reader.u16('a Java field count');
    if (suid !== expected.suid || flags !== expected.flags || fieldCount !== expected.fields.length) {
      throw new MalformedError(`Java class ${name} is not the version keytool writes`);
    }
    for (const field of expected.fields) {
      const typeCode = String.fromCharCode(this.reader.u8('a Java field type'));
      const fieldName = this.reader.utf('a Java field name');
      const signature = this.content(MAX_DEPTH);
      if (
        typeCode !== field.typeCode ||
        fieldName !== field.name ||
        signature?.type !== 'string' ||
        signature.value !== field.signature
      ) {
        throw new MalformedError(`Java class ${name} has fields keytool does not write`);
      }
    }
    if (this.reader.u8('a Java class annotation') !== TC.EndBlockData)
      throw new MalformedError(`Java class ${name} carries annotations`);
    const superClass = this.classDesc();
    if ((superClass?.name ?? null) !== expected.superName)
      throw new MalformedError(`Java class ${name} has an unexpected superclass`);
    return expected;
  }

  private byteArray(): JavaValue {
    const desc = this.classDesc();
    if (desc?.name !== '[B') throw new MalformedError('a Java array is not a byte array');
    const slot = this.handles.length;
    this.handles.push(null);
    const length = this.reader.i32('a Java array length');
    if (length < 0 || length > this.reader.remaining)
      throw new MalformedError('a Java byte array runs past the end of its data');
    const value: JavaValue = { type: 'bytes', value: this.reader.bytesOf(length, 'a Java byte array') };
    this.handles[slot] = value;
    return value;
  }

  private object(depth: number): JavaValue {
    const desc = this.classDesc();
    if (desc === null || isEnumClass(desc) || desc.name === '[B')
      throw new MalformedError('a Java object has no usable class');
    const slot = this.handles.length;
    this.handles.push(null);
    const hierarchy: SerialClass[] = [];
    for (
      let c: SerialClass | undefined = desc;
      c !== undefined;
      c = c.superName === null ? undefined : SERIAL_CLASSES.get(c.superName)
    ) {
      hierarchy.unshift(c);
    }
    const fields = new Map<string, JavaValue>();
    for (const c of hierarchy) {
      for (const field of c.fields) fields.set(field.name, this.content(depth + 1));
    }
    const value: JavaValue = { type: 'object', className: desc.name, fields };
    this.handles[slot] = value;
    return value;
  }

  private enumConstant(depth: number): JavaValue {
    const desc = this.classDesc();
    if (desc === null || !isEnumClass(desc)) throw new MalformedError('a Java enum has no enum class');
    const slot = this.handles.length;
    this.handles.push(null);
    const constant = this.content(depth + 1);
    if (constant?.type !== 'string') throw new MalformedError('a Java enum constant has no name');
    const value: JavaValue = { type: 'enum', className: desc.name, constant: constant.value };
    this.handles[slot] = value;
    return value;
  }
}

function isSerialClass(handle: Handle): handle is SerialClass {
  return handle !== null && 'suid' in handle;
}
