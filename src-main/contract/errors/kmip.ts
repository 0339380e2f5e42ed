/**
 * KMIP above the network: what a key server answered, or did not. Each names one thing a
 * custodian can check or fix; the sentence says which server and what to do.
 */
export const KmipCode = {
  /** A request that changes the server may or may not have been carried out. */
  OutcomeUnknown: 'KMIP_OUTCOME_UNKNOWN',
  AuthFailed: 'KMIP_AUTH_FAILED',
  PermissionDenied: 'KMIP_PERMISSION_DENIED',
  ItemNotFound: 'KMIP_ITEM_NOT_FOUND',
  OperationNotSupported: 'KMIP_OPERATION_NOT_SUPPORTED',
  OperationFailed: 'KMIP_OPERATION_FAILED',
  /** DiscoverVersions found no protocol version both sides speak. */
  VersionUnsupported: 'KMIP_VERSION_UNSUPPORTED',
  /** The server's answer does not fit the request (batch items missing, unexpected data). */
  BadResponse: 'KMIP_BAD_RESPONSE',
  /** Every configured key server was tried and none could be used: loss of access to keys. */
  NoServer: 'KMIP_NO_SERVER',
  /** A change was asked while the primary key server cannot be reached; changes go to the primary only. */
  PrimaryUnavailable: 'KMIP_PRIMARY_UNAVAILABLE',
  /** A console change whose typed confirmation does not name the object. */
  ChangeNotConfirmed: 'KMIP_CHANGE_NOT_CONFIRMED',
  /** A KMIP step failed for a reason none of the above names. */
  Failed: 'KMIP_FAILED',
} as const;

/**
 * KMIP encodings. TTLV codes describe bytes from a peer; XML and JSON codes describe text
 * documents; TEMPLATE codes describe placeholders left unresolved.
 */
export const KmipCodecCode = {
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

/** KMIP messages whose items are well encoded but do not form the message KMIP defines. */
export const KmipMessageCode = {
  /** The top-level item is not the message expected (e.g. a request where a response belongs). */
  Unexpected: 'KMIP_MESSAGE_UNEXPECTED',
  MissingField: 'KMIP_MESSAGE_MISSING_FIELD',
  /** A field has the wrong item type, or a value its field does not allow. */
  BadField: 'KMIP_MESSAGE_BAD_FIELD',
  /** The header's Batch Count disagrees with the number of batch items. */
  BatchCount: 'KMIP_MESSAGE_BATCH_COUNT',
} as const;
