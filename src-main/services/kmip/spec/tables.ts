import * as Enumerations from './enumerations';
import { CryptographicUsageMask, ProtectionStorageMask, StorageStatusMask } from './masks';
import { ProfileName } from './profile-names';
import { Tag } from './tags';

/** A table of names for the values of one enumeration or the bits of one mask. */
export type NamedValues = Readonly<Record<string, number>>;

/** Which enumeration gives names to the Enumeration values of each tag (several tags may share one). */
export const ENUMERATION_OF_TAG: ReadonlyMap<number, NamedValues> = new Map<number, NamedValues>([
  [Tag.CredentialType, Enumerations.CredentialType],
  [Tag.KeyCompressionType, Enumerations.KeyCompressionType],
  [Tag.KeyFormatType, Enumerations.KeyFormatType],
  [Tag.WrappingMethod, Enumerations.WrappingMethod],
  [Tag.RecommendedCurve, Enumerations.RecommendedCurve],
  [Tag.CertificateType, Enumerations.CertificateType],
  [Tag.DigitalSignatureAlgorithm, Enumerations.DigitalSignatureAlgorithm],
  [Tag.SplitKeyMethod, Enumerations.SplitKeyMethod],
  [Tag.SecretDataType, Enumerations.SecretDataType],
  [Tag.NameType, Enumerations.NameType],
  [Tag.ObjectType, Enumerations.ObjectType],
  [Tag.CryptographicAlgorithm, Enumerations.CryptographicAlgorithm],
  [Tag.BlockCipherMode, Enumerations.BlockCipherMode],
  [Tag.PaddingMethod, Enumerations.PaddingMethod],
  [Tag.HashingAlgorithm, Enumerations.HashingAlgorithm],
  [Tag.MaskGeneratorHashingAlgorithm, Enumerations.HashingAlgorithm],
  [Tag.KeyRoleType, Enumerations.KeyRoleType],
  [Tag.State, Enumerations.State],
  [Tag.RevocationReasonCode, Enumerations.RevocationReasonCode],
  [Tag.LinkType, Enumerations.LinkType],
  [Tag.DerivationMethod, Enumerations.DerivationMethod],
  [Tag.CertificateRequestType, Enumerations.CertificateRequestType],
  [Tag.ValidityIndicator, Enumerations.ValidityIndicator],
  [Tag.QueryFunction, Enumerations.QueryFunction],
  [Tag.CancellationResult, Enumerations.CancellationResult],
  [Tag.PutFunction, Enumerations.PutFunction],
  [Tag.Operation, Enumerations.Operation],
  [Tag.ResultStatus, Enumerations.ResultStatus],
  [Tag.ResultReason, Enumerations.ResultReason],
  [Tag.BatchErrorContinuationOption, Enumerations.BatchErrorContinuationOption],
  [Tag.UsageLimitsUnit, Enumerations.UsageLimitsUnit],
  [Tag.EncodingOption, Enumerations.EncodingOption],
  [Tag.ObjectGroupMember, Enumerations.ObjectGroupMember],
  [Tag.AlternativeNameType, Enumerations.AlternativeNameType],
  [Tag.KeyValueLocationType, Enumerations.KeyValueLocationType],
  [Tag.AttestationType, Enumerations.AttestationType],
  [Tag.RNGAlgorithm, Enumerations.RNGAlgorithm],
  [Tag.DRBGAlgorithm, Enumerations.DRBGAlgorithm],
  [Tag.FIPS186Variation, Enumerations.FIPS186Variation],
  [Tag.ValidationAuthorityType, Enumerations.ValidationAuthorityType],
  [Tag.ValidationType, Enumerations.ValidationType],
  [Tag.UnwrapMode, Enumerations.UnwrapMode],
  [Tag.DestroyAction, Enumerations.DestroyAction],
  [Tag.ShreddingAlgorithm, Enumerations.ShreddingAlgorithm],
  [Tag.RNGMode, Enumerations.RNGMode],
  [Tag.ClientRegistrationMethod, Enumerations.ClientRegistrationMethod],
  [Tag.KeyWrapType, Enumerations.KeyWrapType],
  [Tag.MaskGenerator, Enumerations.MaskGenerator],
  [Tag.AdjustmentType, Enumerations.AdjustmentType],
  [Tag.AsynchronousIndicator, Enumerations.AsynchronousIndicator],
  [Tag.Data, Enumerations.DataOperation],
  [Tag.EndpointRole, Enumerations.EndpointRole],
  [Tag.InteropFunction, Enumerations.InteropFunction],
  [Tag.NISTKeyType, Enumerations.NISTKeyType],
  [Tag.ProtectionLevel, Enumerations.ProtectionLevel],
  [Tag.TicketType, Enumerations.TicketType],
  [Tag.UniqueIdentifier, Enumerations.UniqueIdentifierPlaceholder],
  [Tag.ProcessingStage, Enumerations.ProcessingStage],
  [Tag.ProfileName, ProfileName],
]);

/** Which mask gives names to the bits of each tag's Integer values. */
export const MASK_OF_TAG: ReadonlyMap<number, NamedValues> = new Map<number, NamedValues>([
  [Tag.CryptographicUsageMask, CryptographicUsageMask],
  [Tag.StorageStatusMask, StorageStatusMask],
  [Tag.ProtectionStorageMask, ProtectionStorageMask],
]);

/** KMIP 2.0 tags whose Enumeration values are themselves tags (e.g. an Attribute Reference). */
export const TAG_VALUED_TAGS: ReadonlySet<number> = new Set<number>([Tag.Tag, Tag.AttributeReference]);
