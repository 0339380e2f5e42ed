/**
 * KMIP bit masks (Integer items whose bits have names), from the specifications 1.0 to 2.1,
 * with bit names normalized as the KMIP XML and JSON encodings write them.
 */

/** Cryptographic Usage Mask. */
export const CryptographicUsageMask = {
  Sign: 0x00000001,
  Verify: 0x00000002,
  Encrypt: 0x00000004,
  Decrypt: 0x00000008,
  WrapKey: 0x00000010,
  UnwrapKey: 0x00000020,
  Export: 0x00000040,
  MACGenerate: 0x00000080,
  MACVerify: 0x00000100,
  DeriveKey: 0x00000200,
  ContentCommitment: 0x00000400,
  KeyAgreement: 0x00000800,
  CertificateSign: 0x00001000,
  CRLSign: 0x00002000,
  GenerateCryptogram: 0x00004000,
  ValidateCryptogram: 0x00008000,
  TranslateEncrypt: 0x00010000,
  TranslateDecrypt: 0x00020000,
  TranslateWrap: 0x00040000,
  TranslateUnwrap: 0x00080000,
  // KMIP 2.0
  Authenticate: 0x00100000,
  Unrestricted: 0x00200000,
  FPEEncrypt: 0x00400000,
  FPEDecrypt: 0x00800000,
} as const;

/** Storage Status Mask. */
export const StorageStatusMask = {
  OnLineStorage: 0x00000001,
  ArchivalStorage: 0x00000002,
  // KMIP 2.0
  DestroyedStorage: 0x00000004,
} as const;

/** Protection Storage Mask. */
export const ProtectionStorageMask = {
  // KMIP 2.0
  Software: 0x00000001,
  Hardware: 0x00000002,
  OnProcessor: 0x00000004,
  OnSystem: 0x00000008,
  OffSystem: 0x00000010,
  Hypervisor: 0x00000020,
  OperatingSystem: 0x00000040,
  Container: 0x00000080,
  OnPremises: 0x00000100,
  OffPremises: 0x00000200,
  SelfManaged: 0x00000400,
  Outsourced: 0x00000800,
  Validated: 0x00001000,
  SameJurisdiction: 0x00002000,
} as const;
