import { attributeGroupNode, type KmipAttribute } from '../../messages';
import { CryptographicAlgorithm, CryptographicUsageMask, Operation, Tag } from '../../spec';
import {
  cryptographicAlgorithmAttribute,
  cryptographicLengthAttribute,
  cryptographicUsageMaskAttribute,
} from '../attributes';
import type { KmipOperation } from './operation';

export interface KeyPairSpec {
  /** A CryptographicAlgorithm value; RSA unless given. */
  readonly algorithm?: number;
  /** Modulus length in bits; 2048 unless given. */
  readonly bits?: number;
  /** Attributes for both keys; the server links the two itself. */
  readonly common?: readonly KmipAttribute[];
  readonly privateKey?: readonly KmipAttribute[];
  readonly publicKey?: readonly KmipAttribute[];
}

export interface KmipKeyPairCreated {
  readonly privateKeyUniqueIdentifier: string;
  readonly publicKeyUniqueIdentifier: string;
}

/** CreateKeyPair: the server generates an asymmetric key pair (Sign for the private key, Verify for the public one). */
export function createKeyPair(spec: KeyPairSpec = {}): KmipOperation<KmipKeyPairCreated> {
  const common = [
    cryptographicAlgorithmAttribute(spec.algorithm ?? CryptographicAlgorithm.RSA),
    cryptographicLengthAttribute(spec.bits ?? 2048),
    ...(spec.common ?? []),
  ];
  const privateKey = [cryptographicUsageMaskAttribute(CryptographicUsageMask.Sign), ...(spec.privateKey ?? [])];
  const publicKey = [cryptographicUsageMaskAttribute(CryptographicUsageMask.Verify), ...(spec.publicKey ?? [])];
  return {
    operation: Operation.CreateKeyPair,
    idempotent: false,
    payload: (version) => [
      attributeGroupNode(version, common, 'common'),
      attributeGroupNode(version, privateKey, 'privateKey'),
      attributeGroupNode(version, publicKey, 'publicKey'),
    ],
    read: (payload) => ({
      privateKeyUniqueIdentifier: payload.required(Tag.PrivateKeyUniqueIdentifier, 'TextString'),
      publicKeyUniqueIdentifier: payload.required(Tag.PublicKeyUniqueIdentifier, 'TextString'),
    }),
  };
}
