import { StructureFields } from '../messages';
import { CertificateType, KeyFormatType, ObjectType, Tag } from '../spec';
import { byteString, enumeration, integer, structure, type TtlvNode, type TtlvStructure } from '../ttlv';
import { enumerationName } from './operations/operation';

/** An object Custos hands to a key server with Register. */
export type RegistrableObject =
  | { readonly type: 'SymmetricKey'; readonly algorithm: number; readonly material: Uint8Array }
  /** An X.509 certificate, DER. */
  | { readonly type: 'Certificate'; readonly der: Uint8Array }
  /** SubjectPublicKeyInfo DER (Key Format Type X.509). */
  | { readonly type: 'PublicKey'; readonly algorithm: number; readonly bits: number; readonly der: Uint8Array }
  /** PKCS#8 DER. */
  | { readonly type: 'PrivateKey'; readonly algorithm: number; readonly bits: number; readonly der: Uint8Array }
  /** A SecretDataType value (Password, Seed) and its bytes. */
  | { readonly type: 'SecretData'; readonly dataType: number; readonly material: Uint8Array };

function keyBlock(format: number, material: Uint8Array, algorithm?: number, bits?: number): TtlvStructure {
  return structure(Tag.KeyBlock, [
    enumeration(Tag.KeyFormatType, format),
    structure(Tag.KeyValue, [byteString(Tag.KeyMaterial, material)]),
    ...(algorithm === undefined ? [] : [enumeration(Tag.CryptographicAlgorithm, algorithm)]),
    ...(bits === undefined ? [] : [integer(Tag.CryptographicLength, bits)]),
  ]);
}

export function objectTypeOf(object: RegistrableObject): number {
  return ObjectType[object.type];
}

/** The object structure Register carries. */
export function managedObjectNode(object: RegistrableObject): TtlvStructure {
  switch (object.type) {
    case 'SymmetricKey':
      return structure(Tag.SymmetricKey, [
        keyBlock(KeyFormatType.Raw, object.material, object.algorithm, object.material.length * 8),
      ]);
    case 'Certificate':
      return structure(Tag.Certificate, [
        enumeration(Tag.CertificateType, CertificateType.X_509),
        byteString(Tag.CertificateValue, object.der),
      ]);
    case 'PublicKey':
      return structure(Tag.PublicKey, [keyBlock(KeyFormatType.X_509, object.der, object.algorithm, object.bits)]);
    case 'PrivateKey':
      return structure(Tag.PrivateKey, [keyBlock(KeyFormatType.PKCS_8, object.der, object.algorithm, object.bits)]);
    case 'SecretData':
      return structure(Tag.SecretData, [
        enumeration(Tag.SecretDataType, object.dataType),
        keyBlock(KeyFormatType.Opaque, object.material),
      ]);
  }
}

export interface KmipKeyBlock {
  readonly formatType: string;
  readonly algorithm?: string;
  readonly bits?: number;
  /** The key bytes, when the Key Value holds them as one byte string (not wrapped, not transparent). */
  readonly material?: Uint8Array;
  /** True when the key came wrapped under another key (Key Wrapping Data present). */
  readonly wrapped: boolean;
}

/** An object as Get returns it. Holds key material: never log or print it whole. */
export interface KmipObjectContent {
  readonly uniqueIdentifier: string;
  readonly objectType: string;
  readonly keyBlock?: KmipKeyBlock;
  readonly certificate?: { readonly certificateType: string; readonly der: Uint8Array };
  readonly secretDataType?: string;
}

const OBJECT_TAGS: readonly number[] = [
  Tag.SymmetricKey,
  Tag.PublicKey,
  Tag.PrivateKey,
  Tag.SecretData,
  Tag.Certificate,
  Tag.SplitKey,
  Tag.OpaqueObject,
  Tag.PGPKey,
];

function readKeyBlock(node: TtlvNode, where: string): KmipKeyBlock {
  const block = StructureFields.of(node, Tag.KeyBlock, where);
  const keyValue = block.all(Tag.KeyValue)[0];
  const material =
    keyValue?.type === 'Structure' ? keyValue.value.find((child) => child.tag === Tag.KeyMaterial) : undefined;
  const algorithm = block.optional(Tag.CryptographicAlgorithm, 'Enumeration');
  return {
    formatType: enumerationName(Tag.KeyFormatType, block.required(Tag.KeyFormatType, 'Enumeration')),
    algorithm: algorithm === undefined ? undefined : enumerationName(Tag.CryptographicAlgorithm, algorithm),
    bits: block.optional(Tag.CryptographicLength, 'Integer'),
    material: material?.type === 'ByteString' ? material.value : undefined,
    wrapped: block.all(Tag.KeyWrappingData).length > 0,
  };
}

/** Reads the object in a Get response payload. */
export function readManagedObject(payload: StructureFields): KmipObjectContent {
  const where = 'the object in the Get response';
  const objectNode = payload.node.value.find((child) => OBJECT_TAGS.includes(child.tag));
  const fields = objectNode === undefined ? undefined : StructureFields.of(objectNode, objectNode.tag, where);
  const keyBlockNode = fields?.all(Tag.KeyBlock)[0];
  const certificateType = fields?.optional(Tag.CertificateType, 'Enumeration');
  const certificateValue = fields?.optional(Tag.CertificateValue, 'ByteString');
  const secretDataType = fields?.optional(Tag.SecretDataType, 'Enumeration');
  return {
    uniqueIdentifier: payload.required(Tag.UniqueIdentifier, 'TextString'),
    objectType: enumerationName(Tag.ObjectType, payload.required(Tag.ObjectType, 'Enumeration')),
    keyBlock: keyBlockNode === undefined ? undefined : readKeyBlock(keyBlockNode, where),
    certificate:
      certificateValue === undefined
        ? undefined
        : {
            certificateType: enumerationName(Tag.CertificateType, certificateType ?? CertificateType.X_509),
            der: certificateValue,
          },
    secretDataType: secretDataType === undefined ? undefined : enumerationName(Tag.SecretDataType, secretDataType),
  };
}
