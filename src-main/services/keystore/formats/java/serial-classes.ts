/**
 * The only classes a JCEKS sealed secret key may contain, as JDK 17 writes them and as its
 * `jceks.key.serialFilter` allows them. Anything else in the stream is refused, never guessed.
 */
export interface SerialField {
  /** 'L' object, '[' array; primitives never occur in these classes. */
  readonly typeCode: 'L' | '[';
  readonly name: string;
  readonly signature: string;
}

export interface SerialClass {
  readonly name: string;
  readonly suid: bigint;
  readonly flags: number;
  readonly fields: readonly SerialField[];
  readonly superName: string | null;
}

const SC_SERIALIZABLE = 0x02;
const SC_ENUM = 0x10;
const STRING = 'Ljava/lang/String;';
const BYTES = '[B';

export const SerialClassName = {
  SealedObjectForKeyProtector: 'com.sun.crypto.provider.SealedObjectForKeyProtector',
  SealedObject: 'javax.crypto.SealedObject',
  SecretKeySpec: 'javax.crypto.spec.SecretKeySpec',
  KeyRep: 'java.security.KeyRep',
  KeyRepType: 'java.security.KeyRep$Type',
  Enum: 'java.lang.Enum',
  ByteArray: BYTES,
} as const;

const CLASSES: readonly SerialClass[] = [
  {
    name: SerialClassName.SealedObjectForKeyProtector,
    suid: -3650226485480866989n,
    flags: SC_SERIALIZABLE,
    fields: [],
    superName: SerialClassName.SealedObject,
  },
  {
    name: SerialClassName.SealedObject,
    suid: 4482838265551344752n,
    flags: SC_SERIALIZABLE,
    fields: [
      { typeCode: '[', name: 'encodedParams', signature: BYTES },
      { typeCode: '[', name: 'encryptedContent', signature: BYTES },
      { typeCode: 'L', name: 'paramsAlg', signature: STRING },
      { typeCode: 'L', name: 'sealAlg', signature: STRING },
    ],
    superName: null,
  },
  {
    name: SerialClassName.SecretKeySpec,
    suid: 6577238317307289933n,
    flags: SC_SERIALIZABLE,
    fields: [
      { typeCode: 'L', name: 'algorithm', signature: STRING },
      { typeCode: '[', name: 'key', signature: BYTES },
    ],
    superName: null,
  },
  {
    name: SerialClassName.KeyRep,
    suid: -4757683898830641853n,
    flags: SC_SERIALIZABLE,
    fields: [
      { typeCode: 'L', name: 'algorithm', signature: STRING },
      { typeCode: '[', name: 'encoded', signature: BYTES },
      { typeCode: 'L', name: 'format', signature: STRING },
      { typeCode: 'L', name: 'type', signature: 'Ljava/security/KeyRep$Type;' },
    ],
    superName: null,
  },
  {
    name: SerialClassName.KeyRepType,
    suid: 0n,
    flags: SC_SERIALIZABLE | SC_ENUM,
    fields: [],
    superName: SerialClassName.Enum,
  },
  { name: SerialClassName.Enum, suid: 0n, flags: SC_SERIALIZABLE | SC_ENUM, fields: [], superName: null },
  { name: BYTES, suid: -5984413125824719648n, flags: SC_SERIALIZABLE, fields: [], superName: null },
];

export const SERIAL_CLASSES: ReadonlyMap<string, SerialClass> = new Map(CLASSES.map((c) => [c.name, c]));

export function isEnumClass(c: SerialClass): boolean {
  return (c.flags & SC_ENUM) !== 0;
}
