import { CustosError } from '../../../contract/errors';

/**
 * Stable codes for KMIP encoding failures. TTLV codes describe bytes from a peer; XML and JSON
 * codes describe text documents; TEMPLATE codes describe placeholders left unresolved.
 */
export const KmipCodecError = {
  TtlvTruncated: 'KMIP_TTLV_TRUNCATED',
  TtlvBadLength: 'KMIP_TTLV_BAD_LENGTH',
  TtlvBadPadding: 'KMIP_TTLV_BAD_PADDING',
  TtlvBadType: 'KMIP_TTLV_BAD_TYPE',
  TtlvBadValue: 'KMIP_TTLV_BAD_VALUE',
  TtlvTooLarge: 'KMIP_TTLV_TOO_LARGE',
  TtlvTooDeep: 'KMIP_TTLV_TOO_DEEP',
  TtlvTrailingBytes: 'KMIP_TTLV_TRAILING_BYTES',
  TtlvInvalidNode: 'KMIP_TTLV_INVALID_NODE',
  XmlMalformed: 'KMIP_XML_MALFORMED',
  XmlUnknownTag: 'KMIP_XML_UNKNOWN_TAG',
  XmlBadType: 'KMIP_XML_BAD_TYPE',
  XmlBadValue: 'KMIP_XML_BAD_VALUE',
  XmlUnknownName: 'KMIP_XML_UNKNOWN_NAME',
  XmlTooLarge: 'KMIP_XML_TOO_LARGE',
  XmlTooDeep: 'KMIP_XML_TOO_DEEP',
  XmlUnrepresentable: 'KMIP_XML_UNREPRESENTABLE',
  JsonMalformed: 'KMIP_JSON_MALFORMED',
  JsonUnknownTag: 'KMIP_JSON_UNKNOWN_TAG',
  JsonBadType: 'KMIP_JSON_BAD_TYPE',
  JsonBadValue: 'KMIP_JSON_BAD_VALUE',
  JsonUnknownName: 'KMIP_JSON_UNKNOWN_NAME',
  JsonTooLarge: 'KMIP_JSON_TOO_LARGE',
  JsonTooDeep: 'KMIP_JSON_TOO_DEEP',
  TemplateUnresolved: 'KMIP_TEMPLATE_UNRESOLVED',
} as const;

export type KmipCodecErrorCode = (typeof KmipCodecError)[keyof typeof KmipCodecError];

export function codecError(code: KmipCodecErrorCode, message: string): CustosError {
  return new CustosError(code, message);
}
