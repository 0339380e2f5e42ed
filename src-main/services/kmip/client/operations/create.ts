import { attributeGroupNode, type KmipAttribute } from '../../messages';
import { CryptographicAlgorithm, CryptographicUsageMask, ObjectType, Operation, Tag } from '../../spec';
import { enumeration } from '../../ttlv';
import {
  cryptographicAlgorithmAttribute,
  cryptographicLengthAttribute,
  cryptographicUsageMaskAttribute,
} from '../attributes';
import { enumerationName, type KmipOperation } from './operation';

export interface SymmetricKeySpec {
  /** A CryptographicAlgorithm value; AES unless given. */
  readonly algorithm?: number;
  /** Key length in bits; 256 unless given. */
  readonly bits?: number;
  /** A CryptographicUsageMask; Encrypt | Decrypt unless given. */
  readonly usageMask?: number;
  /** Name, Object Group, and the like (see attributes.ts). */
  readonly attributes?: readonly KmipAttribute[];
}

export interface KmipCreated {
  readonly uniqueIdentifier: string;
  readonly objectType: string;
}

/** Create: the server generates a symmetric key. */
export function create(spec: SymmetricKeySpec = {}): KmipOperation<KmipCreated> {
  const attributes = [
    cryptographicAlgorithmAttribute(spec.algorithm ?? CryptographicAlgorithm.AES),
    cryptographicLengthAttribute(spec.bits ?? 256),
    cryptographicUsageMaskAttribute(spec.usageMask ?? CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt),
    ...(spec.attributes ?? []),
  ];
  return {
    operation: Operation.Create,
    idempotent: false,
    payload: (version) => [
      enumeration(Tag.ObjectType, ObjectType.SymmetricKey),
      attributeGroupNode(version, attributes),
    ],
    read: (payload) => ({
      uniqueIdentifier: payload.required(Tag.UniqueIdentifier, 'TextString'),
      objectType: enumerationName(Tag.ObjectType, payload.required(Tag.ObjectType, 'Enumeration')),
    }),
  };
}
