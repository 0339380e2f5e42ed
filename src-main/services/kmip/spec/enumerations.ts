/**
 * KMIP enumerations from the specifications 1.0 to 2.1, with value names normalized as the
 * KMIP XML and JSON encodings write them. Values that KMIP 2.0 marked "(Reserved)" keep their
 * 1.x name: no number was reused, so one table reads every version. Where a name has two
 * spellings across spec versions, the first is the one written and the others are read too.
 */

/** Credential Type. */
export const CredentialType = {
  UsernameAndPassword: 0x00000001,
  // KMIP 1.1
  Device: 0x00000002,
  // KMIP 1.2
  Attestation: 0x00000003,
  // KMIP 2.0
  OneTimePassword: 0x00000004,
  HashedPassword: 0x00000005,
  Ticket: 0x00000006,
} as const;

/** Key Compression Type. */
export const KeyCompressionType = {
  ECPublicKeyTypeUncompressed: 0x00000001,
  ECPublicKeyTypeX9_62CompressedPrime: 0x00000002,
  ECPublicKeyTypeX9_62CompressedChar2: 0x00000003,
  ECPublicKeyTypeX9_62Hybrid: 0x00000004,
} as const;

/** Key Format Type. */
export const KeyFormatType = {
  Raw: 0x00000001,
  Opaque: 0x00000002,
  PKCS_1: 0x00000003,
  PKCS_8: 0x00000004,
  X_509: 0x00000005,
  ECPrivateKey: 0x00000006,
  TransparentSymmetricKey: 0x00000007,
  TransparentDSAPrivateKey: 0x00000008,
  TransparentDSAPublicKey: 0x00000009,
  TransparentRSAPrivateKey: 0x0000000a,
  TransparentRSAPublicKey: 0x0000000b,
  TransparentDHPrivateKey: 0x0000000c,
  TransparentDHPublicKey: 0x0000000d,
  TransparentECDSAPrivateKey: 0x0000000e,
  TransparentECDSAPublicKey: 0x0000000f,
  TransparentECDHPrivateKey: 0x00000010,
  TransparentECDHPublicKey: 0x00000011,
  TransparentECMQVPrivateKey: 0x00000012,
  TransparentECMQVPublicKey: 0x00000013,
  // KMIP 1.3
  TransparentECPrivateKey: 0x00000014,
  TransparentECPublicKey: 0x00000015,
  // KMIP 1.4
  PKCS_12: 0x00000016,
} as const;

/** Wrapping Method. */
export const WrappingMethod = {
  Encrypt: 0x00000001,
  MACSign: 0x00000002,
  EncryptThenMACSign: 0x00000003,
  MACSignThenEncrypt: 0x00000004,
  TR_31: 0x00000005,
} as const;

/** Recommended Curve. */
export const RecommendedCurve = {
  P_192: 0x00000001,
  K_163: 0x00000002,
  B_163: 0x00000003,
  P_224: 0x00000004,
  K_233: 0x00000005,
  B_233: 0x00000006,
  P_256: 0x00000007,
  K_283: 0x00000008,
  B_283: 0x00000009,
  P_384: 0x0000000a,
  K_409: 0x0000000b,
  B_409: 0x0000000c,
  P_521: 0x0000000d,
  K_571: 0x0000000e,
  B_571: 0x0000000f,
  // KMIP 1.2
  SECP112R1: 0x00000010,
  SECP112R2: 0x00000011,
  SECP128R1: 0x00000012,
  SECP128R2: 0x00000013,
  SECP160K1: 0x00000014,
  SECP160R1: 0x00000015,
  SECP160R2: 0x00000016,
  SECP192K1: 0x00000017,
  SECP224K1: 0x00000018,
  SECP256K1: 0x00000019,
  SECT113R1: 0x0000001a,
  SECT113R2: 0x0000001b,
  SECT131R1: 0x0000001c,
  SECT131R2: 0x0000001d,
  SECT163R1: 0x0000001e,
  SECT193R1: 0x0000001f,
  SECT193R2: 0x00000020,
  SECT239K1: 0x00000021,
  ANSIX9P192V2: 0x00000022,
  ANSIX9P192V3: 0x00000023,
  ANSIX9P239V1: 0x00000024,
  ANSIX9P239V2: 0x00000025,
  ANSIX9P239V3: 0x00000026,
  ANSIX9C2PNB163V1: 0x00000027,
  ANSIX9C2PNB163V2: 0x00000028,
  ANSIX9C2PNB163V3: 0x00000029,
  ANSIX9C2PNB176V1: 0x0000002a,
  ANSIX9C2TNB191V1: 0x0000002b,
  ANSIX9C2TNB191V2: 0x0000002c,
  ANSIX9C2TNB191V3: 0x0000002d,
  ANSIX9C2PNB208W1: 0x0000002e,
  ANSIX9C2TNB239V1: 0x0000002f,
  ANSIX9C2TNB239V2: 0x00000030,
  ANSIX9C2TNB239V3: 0x00000031,
  ANSIX9C2PNB272W1: 0x00000032,
  ANSIX9C2PNB304W1: 0x00000033,
  ANSIX9C2TNB359V1: 0x00000034,
  ANSIX9C2PNB368W1: 0x00000035,
  ANSIX9C2TNB431R1: 0x00000036,
  BRAINPOOLP160R1: 0x00000037,
  BRAINPOOLP160T1: 0x00000038,
  BRAINPOOLP192R1: 0x00000039,
  BRAINPOOLP192T1: 0x0000003a,
  BRAINPOOLP224R1: 0x0000003b,
  BRAINPOOLP224T1: 0x0000003c,
  BRAINPOOLP256R1: 0x0000003d,
  BRAINPOOLP256T1: 0x0000003e,
  BRAINPOOLP320R1: 0x0000003f,
  BRAINPOOLP320T1: 0x00000040,
  BRAINPOOLP384R1: 0x00000041,
  BRAINPOOLP384T1: 0x00000042,
  BRAINPOOLP512R1: 0x00000043,
  BRAINPOOLP512T1: 0x00000044,
  // KMIP 2.0
  CURVE25519: 0x00000045,
  CURVE448: 0x00000046,
} as const;

/** Certificate Type. */
export const CertificateType = {
  X_509: 0x00000001,
  PGP: 0x00000002,
} as const;

/** Digital Signature Algorithm. */
export const DigitalSignatureAlgorithm = {
  // KMIP 1.1
  MD2WithRSAEncryption: 0x00000001,
  MD5WithRSAEncryption: 0x00000002,
  SHA_1WithRSAEncryption: 0x00000003,
  SHA_224WithRSAEncryption: 0x00000004,
  SHA_256WithRSAEncryption: 0x00000005,
  SHA_384WithRSAEncryption: 0x00000006,
  SHA_512WithRSAEncryption: 0x00000007,
  RSASSA_PSS: 0x00000008,
  DSAWithSHA_1: 0x00000009,
  DSAWithSHA224: 0x0000000a,
  DSAWithSHA256: 0x0000000b,
  ECDSAWithSHA_1: 0x0000000c,
  ECDSAWithSHA224: 0x0000000d,
  ECDSAWithSHA256: 0x0000000e,
  ECDSAWithSHA384: 0x0000000f,
  ECDSAWithSHA512: 0x00000010,
  // KMIP 1.4
  SHA3_256WithRSAEncryption: 0x00000011,
  SHA3_384WithRSAEncryption: 0x00000012,
  SHA3_512WithRSAEncryption: 0x00000013,
} as const;

/** Split Key Method. */
export const SplitKeyMethod = {
  XOR: 0x00000001,
  PolynomialSharingGF2_16: 0x00000002,
  PolynomialSharingPrimeField: 0x00000003,
  // KMIP 1.2
  PolynomialSharingGF2_8: 0x00000004,
} as const;

/** Secret Data Type. */
export const SecretDataType = {
  Password: 0x00000001,
  Seed: 0x00000002,
} as const;

/** Name Type. */
export const NameType = {
  UninterpretedTextString: 0x00000001,
  URI: 0x00000002,
} as const;

/** Object Type. */
export const ObjectType = {
  Certificate: 0x00000001,
  SymmetricKey: 0x00000002,
  PublicKey: 0x00000003,
  PrivateKey: 0x00000004,
  SplitKey: 0x00000005,
  Template: 0x00000006,
  SecretData: 0x00000007,
  OpaqueObject: 0x00000008,
  // KMIP 1.2
  PGPKey: 0x00000009,
  // KMIP 2.0
  CertificateRequest: 0x0000000a,
} as const;

/** Cryptographic Algorithm. */
export const CryptographicAlgorithm = {
  DES: 0x00000001,
  DES3: 0x00000002,
  AES: 0x00000003,
  RSA: 0x00000004,
  DSA: 0x00000005,
  ECDSA: 0x00000006,
  HMAC_SHA1: 0x00000007,
  HMAC_SHA224: 0x00000008,
  HMAC_SHA256: 0x00000009,
  HMAC_SHA384: 0x0000000a,
  HMAC_SHA512: 0x0000000b,
  HMAC_MD5: 0x0000000c,
  DH: 0x0000000d,
  ECDH: 0x0000000e,
  ECMQV: 0x0000000f,
  Blowfish: 0x00000010,
  Camellia: 0x00000011,
  CAST5: 0x00000012,
  IDEA: 0x00000013,
  MARS: 0x00000014,
  RC2: 0x00000015,
  RC4: 0x00000016,
  RC5: 0x00000017,
  SKIPJACK: 0x00000018,
  Twofish: 0x00000019,
  // KMIP 1.2
  EC: 0x0000001a,
  // KMIP 1.3
  OneTimePad: 0x0000001b,
  // KMIP 1.4
  ChaCha20: 0x0000001c,
  Poly1305: 0x0000001d,
  ChaCha20Poly1305: 0x0000001e,
  SHA3_224: 0x0000001f,
  SHA3_256: 0x00000020,
  SHA3_384: 0x00000021,
  SHA3_512: 0x00000022,
  HMAC_SHA3_224: 0x00000023,
  HMAC_SHA3_256: 0x00000024,
  HMAC_SHA3_384: 0x00000025,
  HMAC_SHA3_512: 0x00000026,
  SHAKE_128: 0x00000027,
  SHAKE_256: 0x00000028,
  // KMIP 2.0
  ARIA: 0x00000029,
  SEED: 0x0000002a,
  SM2: 0x0000002b,
  SM3: 0x0000002c,
  SM4: 0x0000002d,
  GOSTR34_10_2012: 0x0000002e,
  GOSTR34_11_2012: 0x0000002f,
  GOSTR34_13_2015: 0x00000030,
  GOST28147_89: 0x00000031,
  XMSS: 0x00000032,
  SPHINCS_256: 0x00000033,
  McEliece: 0x00000034,
  McEliece_6960119: 0x00000035,
  McEliece_8192128: 0x00000036,
  Ed25519: 0x00000037,
  Ed448: 0x00000038,
} as const;

/** Block Cipher Mode. */
export const BlockCipherMode = {
  CBC: 0x00000001,
  ECB: 0x00000002,
  PCBC: 0x00000003,
  CFB: 0x00000004,
  OFB: 0x00000005,
  CTR: 0x00000006,
  CMAC: 0x00000007,
  CCM: 0x00000008,
  GCM: 0x00000009,
  CBC_MAC: 0x0000000a,
  XTS: 0x0000000b,
  AESKeyWrapPadding: 0x0000000c,
  NISTKeyWrap: 0x0000000d,
  X9_102AESKW: 0x0000000e,
  X9_102TDKW: 0x0000000f,
  X9_102AKW1: 0x00000010,
  X9_102AKW2: 0x00000011,
  // KMIP 1.4
  AEAD: 0x00000012,
} as const;

/** Padding Method. */
export const PaddingMethod = {
  None: 0x00000001,
  OAEP: 0x00000002,
  PKCS5: 0x00000003,
  SSL3: 0x00000004,
  Zeros: 0x00000005,
  ANSIX9_23: 0x00000006,
  ISO10126: 0x00000007,
  PKCS1V1_5: 0x00000008,
  X9_31: 0x00000009,
  PSS: 0x0000000a,
} as const;

/** Hashing Algorithm. */
export const HashingAlgorithm = {
  MD2: 0x00000001,
  MD4: 0x00000002,
  MD5: 0x00000003,
  SHA_1: 0x00000004,
  SHA_224: 0x00000005,
  SHA_256: 0x00000006,
  SHA_384: 0x00000007,
  SHA_512: 0x00000008,
  RIPEMD_160: 0x00000009,
  Tiger: 0x0000000a,
  Whirlpool: 0x0000000b,
  // KMIP 1.2
  SHA_512_224: 0x0000000c,
  SHA_512_256: 0x0000000d,
  // KMIP 1.4
  SHA3_224: 0x0000000e,
  SHA_3_224: 0x0000000e,
  SHA3_256: 0x0000000f,
  SHA_3_256: 0x0000000f,
  SHA3_384: 0x00000010,
  SHA_3_384: 0x00000010,
  SHA3_512: 0x00000011,
  SHA_3_512: 0x00000011,
} as const;

/** Key Role Type. */
export const KeyRoleType = {
  BDK: 0x00000001,
  CVK: 0x00000002,
  DEK: 0x00000003,
  MKAC: 0x00000004,
  MKSMC: 0x00000005,
  MKSMI: 0x00000006,
  MKDAC: 0x00000007,
  MKDN: 0x00000008,
  MKCP: 0x00000009,
  MKOTH: 0x0000000a,
  KEK: 0x0000000b,
  MAC16609: 0x0000000c,
  MAC97971: 0x0000000d,
  MAC97972: 0x0000000e,
  MAC97973: 0x0000000f,
  MAC97974: 0x00000010,
  MAC97975: 0x00000011,
  ZPK: 0x00000012,
  PVKIBM: 0x00000013,
  PVKPVV: 0x00000014,
  PVKOTH: 0x00000015,
  // KMIP 1.4
  DUKPT: 0x00000016,
  IV: 0x00000017,
  TRKBK: 0x00000018,
} as const;

/** State. */
export const State = {
  PreActive: 0x00000001,
  Active: 0x00000002,
  Deactivated: 0x00000003,
  Compromised: 0x00000004,
  Destroyed: 0x00000005,
  DestroyedCompromised: 0x00000006,
} as const;

/** Revocation Reason Code. */
export const RevocationReasonCode = {
  Unspecified: 0x00000001,
  KeyCompromise: 0x00000002,
  CACompromise: 0x00000003,
  AffiliationChanged: 0x00000004,
  Superseded: 0x00000005,
  CessationOfOperation: 0x00000006,
  PrivilegeWithdrawn: 0x00000007,
} as const;

/** Link Type. */
export const LinkType = {
  CertificateLink: 0x00000101,
  PublicKeyLink: 0x00000102,
  PrivateKeyLink: 0x00000103,
  DerivationBaseObjectLink: 0x00000104,
  DerivedKeyLink: 0x00000105,
  ReplacementObjectLink: 0x00000106,
  ReplacedObjectLink: 0x00000107,
  // KMIP 1.2
  ParentLink: 0x00000108,
  ChildLink: 0x00000109,
  PreviousLink: 0x0000010a,
  NextLink: 0x0000010b,
  // KMIP 1.4
  PKCS_12CertificateLink: 0x0000010c,
  PKCS_12PasswordLink: 0x0000010d,
  // KMIP 2.0
  WrappingKeyLink: 0x0000010e,
} as const;

/** Derivation Method. */
export const DerivationMethod = {
  PBKDF2: 0x00000001,
  HASH: 0x00000002,
  HMAC: 0x00000003,
  ENCRYPT: 0x00000004,
  NIST800_108_C: 0x00000005,
  NIST800_108_F: 0x00000006,
  NIST800_108_DPI: 0x00000007,
  // KMIP 1.4
  AsymmetricKey: 0x00000008,
  // KMIP 2.0
  AWSSignatureVersion4: 0x00000009,
  HKDF: 0x0000000a,
} as const;

/** Certificate Request Type. */
export const CertificateRequestType = {
  CRMF: 0x00000001,
  PKCS_10: 0x00000002,
  PEM: 0x00000003,
  PGP: 0x00000004,
} as const;

/** Validity Indicator. */
export const ValidityIndicator = {
  Valid: 0x00000001,
  Invalid: 0x00000002,
  Unknown: 0x00000003,
} as const;

/** Query Function. */
export const QueryFunction = {
  QueryOperations: 0x00000001,
  QueryObjects: 0x00000002,
  QueryServerInformation: 0x00000003,
  QueryApplicationNamespaces: 0x00000004,
  // KMIP 1.1
  QueryExtensionList: 0x00000005,
  QueryExtensionMap: 0x00000006,
  // KMIP 1.2
  QueryAttestationTypes: 0x00000007,
  // KMIP 1.3
  QueryRNGs: 0x00000008,
  QueryValidations: 0x00000009,
  QueryProfiles: 0x0000000a,
  QueryCapabilities: 0x0000000b,
  QueryClientRegistrationMethods: 0x0000000c,
  // KMIP 2.0
  QueryDefaultsInformation: 0x0000000d,
  QueryStorageProtectionMasks: 0x0000000e,
} as const;

/** Cancellation Result. */
export const CancellationResult = {
  Canceled: 0x00000001,
  UnableToCancel: 0x00000002,
  Completed: 0x00000003,
  Failed: 0x00000004,
  Unavailable: 0x00000005,
} as const;

/** Put Function. */
export const PutFunction = {
  New: 0x00000001,
  Replace: 0x00000002,
} as const;

/** Operation. */
export const Operation = {
  Create: 0x00000001,
  CreateKeyPair: 0x00000002,
  Register: 0x00000003,
  ReKey: 0x00000004,
  DeriveKey: 0x00000005,
  Certify: 0x00000006,
  ReCertify: 0x00000007,
  Locate: 0x00000008,
  Check: 0x00000009,
  Get: 0x0000000a,
  GetAttributes: 0x0000000b,
  GetAttributeList: 0x0000000c,
  AddAttribute: 0x0000000d,
  ModifyAttribute: 0x0000000e,
  DeleteAttribute: 0x0000000f,
  ObtainLease: 0x00000010,
  GetUsageAllocation: 0x00000011,
  Activate: 0x00000012,
  Revoke: 0x00000013,
  Destroy: 0x00000014,
  Archive: 0x00000015,
  Recover: 0x00000016,
  Validate: 0x00000017,
  Query: 0x00000018,
  Cancel: 0x00000019,
  Poll: 0x0000001a,
  Notify: 0x0000001b,
  Put: 0x0000001c,
  // KMIP 1.1
  ReKeyKeyPair: 0x0000001d,
  DiscoverVersions: 0x0000001e,
  // KMIP 1.2
  Encrypt: 0x0000001f,
  Decrypt: 0x00000020,
  Sign: 0x00000021,
  SignatureVerify: 0x00000022,
  MAC: 0x00000023,
  MACVerify: 0x00000024,
  RNGRetrieve: 0x00000025,
  RNGSeed: 0x00000026,
  Hash: 0x00000027,
  CreateSplitKey: 0x00000028,
  JoinSplitKey: 0x00000029,
  // KMIP 1.4
  Import: 0x0000002a,
  Export: 0x0000002b,
  // KMIP 2.0
  Log: 0x0000002c,
  Login: 0x0000002d,
  Logout: 0x0000002e,
  DelegatedLogin: 0x0000002f,
  AdjustAttribute: 0x00000030,
  SetAttribute: 0x00000031,
  SetEndpointRole: 0x00000032,
  PKCS_11: 0x00000033,
  Interop: 0x00000034,
  ReProvision: 0x00000035,
  // KMIP 2.1
  SetDefaults: 0x00000036,
  SetConstraints: 0x00000037,
  GetConstraints: 0x00000038,
  QueryAsynchronousRequests: 0x00000039,
  Process: 0x0000003a,
  Ping: 0x0000003b,
} as const;

/** Result Status. */
export const ResultStatus = {
  Success: 0x00000000,
  OperationFailed: 0x00000001,
  OperationPending: 0x00000002,
  OperationUndone: 0x00000003,
} as const;

/** Result Reason. */
export const ResultReason = {
  ItemNotFound: 0x00000001,
  ResponseTooLarge: 0x00000002,
  AuthenticationNotSuccessful: 0x00000003,
  InvalidMessage: 0x00000004,
  OperationNotSupported: 0x00000005,
  MissingData: 0x00000006,
  InvalidField: 0x00000007,
  FeatureNotSupported: 0x00000008,
  OperationCanceledByRequester: 0x00000009,
  CryptographicFailure: 0x0000000a,
  IllegalOperation: 0x0000000b,
  PermissionDenied: 0x0000000c,
  ObjectArchived: 0x0000000d,
  IndexOutOfBounds: 0x0000000e,
  ApplicationNamespaceNotSupported: 0x0000000f,
  KeyFormatTypeNotSupported: 0x00000010,
  KeyCompressionTypeNotSupported: 0x00000011,
  // KMIP 1.1
  EncodingOptionError: 0x00000012,
  // KMIP 1.2
  KeyValueNotPresent: 0x00000013,
  AttestationRequired: 0x00000014,
  AttestationFailed: 0x00000015,
  // KMIP 1.4
  Sensitive: 0x00000016,
  NotExtractable: 0x00000017,
  ObjectAlreadyExists: 0x00000018,
  // KMIP 2.0
  InvalidTicket: 0x00000019,
  UsageLimitExceeded: 0x0000001a,
  NumericRange: 0x0000001b,
  InvalidDataType: 0x0000001c,
  ReadOnlyAttribute: 0x0000001d,
  MultiValuedAttribute: 0x0000001e,
  UnsupportedAttribute: 0x0000001f,
  AttributeInstanceNotFound: 0x00000020,
  AttributeNotFound: 0x00000021,
  AttributeReadOnly: 0x00000022,
  AttributeSingleValued: 0x00000023,
  BadCryptographicParameters: 0x00000024,
  BadPassword: 0x00000025,
  CodecError: 0x00000026,
  IllegalObjectType: 0x00000028,
  IncompatibleCryptographicUsageMask: 0x00000029,
  InternalServerError: 0x0000002a,
  InvalidAsynchronousCorrelationValue: 0x0000002b,
  InvalidAttribute: 0x0000002c,
  InvalidAttributeValue: 0x0000002d,
  InvalidCorrelationValue: 0x0000002e,
  InvalidCSR: 0x0000002f,
  InvalidObjectType: 0x00000030,
  KeyWrapTypeNotSupported: 0x00000032,
  MissingInitializationVector: 0x00000034,
  NonUniqueNameAttribute: 0x00000035,
  ObjectDestroyed: 0x00000036,
  ObjectNotFound: 0x00000037,
  NotAuthorised: 0x00000039,
  ServerLimitExceeded: 0x0000003a,
  UnknownEnumeration: 0x0000003b,
  UnknownMessageExtension: 0x0000003c,
  UnknownTag: 0x0000003d,
  UnsupportedCryptographicParameters: 0x0000003e,
  UnsupportedProtocolVersion: 0x0000003f,
  WrappingObjectArchived: 0x00000040,
  WrappingObjectDestroyed: 0x00000041,
  WrappingObjectNotFound: 0x00000042,
  WrongKeyLifecycleState: 0x00000043,
  ProtectionStorageUnavailable: 0x00000044,
  PKCS_11CodecError: 0x00000045,
  PKCS_11InvalidFunction: 0x00000046,
  PKCS_11InvalidInterface: 0x00000047,
  // KMIP 2.1
  PrivateProtectionStorageUnavailable: 0x00000048,
  PublicProtectionStorageUnavailable: 0x00000049,
  GeneralFailure: 0x00000100,
} as const;

/** Batch Error Continuation Option. */
export const BatchErrorContinuationOption = {
  Continue: 0x00000001,
  Stop: 0x00000002,
  Undo: 0x00000003,
} as const;

/** Usage Limits Unit. */
export const UsageLimitsUnit = {
  Byte: 0x00000001,
  Object: 0x00000002,
} as const;

/** Encoding Option. */
export const EncodingOption = {
  // KMIP 1.1
  NoEncoding: 0x00000001,
  TTLVEncoding: 0x00000002,
} as const;

/** Object Group Member. */
export const ObjectGroupMember = {
  // KMIP 1.1
  GroupMemberFresh: 0x00000001,
  GroupMemberDefault: 0x00000002,
} as const;

/** Alternative Name Type. */
export const AlternativeNameType = {
  // KMIP 1.2
  UninterpretedTextString: 0x00000001,
  URI: 0x00000002,
  ObjectSerialNumber: 0x00000003,
  EmailAddress: 0x00000004,
  DNSName: 0x00000005,
  X_500DistinguishedName: 0x00000006,
  IPAddress: 0x00000007,
} as const;

/** Key Value Location Type. */
export const KeyValueLocationType = {
  // KMIP 1.2
  UninterpretedTextString: 0x00000001,
  URI: 0x00000002,
} as const;

/** Attestation Type. */
export const AttestationType = {
  // KMIP 1.2
  TPMQuote: 0x00000001,
  TCGIntegrityReport: 0x00000002,
  SAMLAssertion: 0x00000003,
} as const;

/** RNG Algorithm. */
export const RNGAlgorithm = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  FIPS186_2: 0x00000002,
  DRBG: 0x00000003,
  NRBG: 0x00000004,
  ANSIX9_31: 0x00000005,
  ANSIX9_62: 0x00000006,
} as const;

/** DRBG Algorithm. */
export const DRBGAlgorithm = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  Dual_EC: 0x00000002,
  Hash: 0x00000003,
  HMAC: 0x00000004,
  CTR: 0x00000005,
} as const;

/** FIPS186 Variation. */
export const FIPS186Variation = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  GPXOriginal: 0x00000002,
  GPXChangeNotice: 0x00000003,
  XOriginal: 0x00000004,
  XChangeNotice: 0x00000005,
  KOriginal: 0x00000006,
  KChangeNotice: 0x00000007,
} as const;

/** Validation Authority Type. */
export const ValidationAuthorityType = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  NISTCMVP: 0x00000002,
  CommonCriteria: 0x00000003,
} as const;

/** Validation Type. */
export const ValidationType = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  Hardware: 0x00000002,
  Software: 0x00000003,
  Firmware: 0x00000004,
  Hybrid: 0x00000005,
} as const;

/** Unwrap Mode. */
export const UnwrapMode = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  Processed: 0x00000002,
  NotProcessed: 0x00000003,
} as const;

/** Destroy Action. */
export const DestroyAction = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  KeyMaterialDeleted: 0x00000002,
  KeyMaterialShredded: 0x00000003,
  MetaDataDeleted: 0x00000004,
  MetaDataShredded: 0x00000005,
  Deleted: 0x00000006,
  Shredded: 0x00000007,
} as const;

/** Shredding Algorithm. */
export const ShreddingAlgorithm = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  Cryptographic: 0x00000002,
  Unsupported: 0x00000003,
} as const;

/** RNG Mode. */
export const RNGMode = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  SharedInstantiation: 0x00000002,
  NonSharedInstantiation: 0x00000003,
} as const;

/** Client Registration Method. */
export const ClientRegistrationMethod = {
  // KMIP 1.3
  Unspecified: 0x00000001,
  ServerPreGenerated: 0x00000002,
  ServerOnDemand: 0x00000003,
  ClientGenerated: 0x00000004,
  ClientRegistered: 0x00000005,
} as const;

/** Key Wrap Type. */
export const KeyWrapType = {
  // KMIP 1.4
  NotWrapped: 0x00000001,
  AsRegistered: 0x00000002,
} as const;

/** Mask Generator. */
export const MaskGenerator = {
  // KMIP 1.4
  MGF1: 0x00000001,
} as const;

/** Adjustment Type. */
export const AdjustmentType = {
  // KMIP 2.0
  Increment: 0x00000001,
  Decrement: 0x00000002,
  Negate: 0x00000003,
} as const;

/** Asynchronous Indicator (an Enumeration from KMIP 2.0; a Boolean before). */
export const AsynchronousIndicator = {
  // KMIP 2.0
  Mandatory: 0x00000001,
  Optional: 0x00000002,
  Prohibited: 0x00000003,
} as const;

/** Data (the KMIP 2.0 enumeration of that name). */
export const DataOperation = {
  // KMIP 2.0
  Decrypt: 0x00000001,
  Encrypt: 0x00000002,
  Hash: 0x00000003,
  MACMACData: 0x00000004,
  RNGRetrieve: 0x00000005,
  SignSignatureData: 0x00000006,
  SignatureVerify: 0x00000007,
} as const;

/** Endpoint Role. */
export const EndpointRole = {
  // KMIP 2.0
  Client: 0x00000001,
  Server: 0x00000002,
} as const;

/** Interop Function. */
export const InteropFunction = {
  // KMIP 2.0
  Begin: 0x00000001,
  End: 0x00000002,
  Reset: 0x00000003,
} as const;

/** NIST Key Type. */
export const NISTKeyType = {
  // KMIP 2.0
  PrivateSignatureKey: 0x00000001,
  PublicSignatureVerificationKey: 0x00000002,
  SymmetricAuthenticationKey: 0x00000003,
  PrivateAuthenticationKey: 0x00000004,
  PublicAuthenticationKey: 0x00000005,
  SymmetricDataEncryptionKey: 0x00000006,
  SymmetricKeyWrappingKey: 0x00000007,
  SymmetricRandomNumberGenerationKey: 0x00000008,
  SymmetricMasterKey: 0x00000009,
  PrivateKeyTransportKey: 0x0000000a,
  PublicKeyTransportKey: 0x0000000b,
  SymmetricKeyAgreementKey: 0x0000000c,
  PrivateStaticKeyAgreementKey: 0x0000000d,
  PublicStaticKeyAgreementKey: 0x0000000e,
  PrivateEphemeralKeyAgreementKey: 0x0000000f,
  PublicEphemeralKeyAgreementKey: 0x00000010,
  SymmetricAuthorizationKey: 0x00000011,
  PrivateAuthorizationKey: 0x00000012,
  PublicAuthorizationKey: 0x00000013,
} as const;

/** Protection Level. */
export const ProtectionLevel = {
  // KMIP 2.0
  High: 0x00000001,
  Low: 0x00000002,
} as const;

/** Ticket Type. */
export const TicketType = {
  // KMIP 2.0
  Login: 0x00000001,
} as const;

/** Unique Identifier (the KMIP 2.0 enumeration that refers to an earlier batch item). */
export const UniqueIdentifierPlaceholder = {
  // KMIP 2.0
  IDPlaceholder: 0x00000001,
  Certify: 0x00000002,
  Create: 0x00000003,
  CreateKeyPair: 0x00000004,
  CreateKeyPairPrivateKey: 0x00000005,
  CreateKeyPairPublicKey: 0x00000006,
  CreateSplitKey: 0x00000007,
  DeriveKey: 0x00000008,
  Import: 0x00000009,
  JoinSplitKey: 0x0000000a,
  Locate: 0x0000000b,
  Register: 0x0000000c,
  ReKey: 0x0000000d,
  ReCertify: 0x0000000e,
  ReKeyKeyPair: 0x0000000f,
  ReKeyKeyPairPrivateKey: 0x00000010,
  ReKeyKeyPairPublicKey: 0x00000011,
} as const;

/** Processing Stage. */
export const ProcessingStage = {
  // KMIP 2.1
  Submitted: 0x00000001,
  InProcess: 0x00000002,
  Completed: 0x00000003,
} as const;
