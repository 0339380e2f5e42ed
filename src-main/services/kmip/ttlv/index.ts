export type {
  TtlvNode,
  TtlvLeaf,
  TtlvStructure,
  LeafTypeName,
  LeafValue,
  IntegerItem,
  LongIntegerItem,
  BigIntegerItem,
  EnumerationItem,
  BooleanItem,
  TextStringItem,
  ByteStringItem,
  DateTimeItem,
  IntervalItem,
  DateTimeExtendedItem,
  TtlvPlaceholder,
  TemplateNode,
  TemplateStructure,
} from './types';
export { isPlaceholder } from './types';
export { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_DEPTH, TTLV_HEADER_BYTES, type TtlvLimits } from './limits';
export { decodeTtlv } from './decode';
export { encodeTtlv } from './encode';
export { ttlvMessageLength } from './frame';
export {
  structure,
  integer,
  longInteger,
  bigInteger,
  enumeration,
  boolean,
  textString,
  byteString,
  dateTime,
  interval,
  dateTimeExtended,
  leaf,
} from './build';
export { dateTimeFromDate, dateFromDateTime } from './datetime';
export {
  PLACEHOLDER_PATTERN,
  type PlaceholderResolver,
  fillTemplate,
  requireConcrete,
  templateMismatch,
  ttlvEqual,
} from './template';
export { readKmipXml, readKmipXmlTemplates, type KmipXmlReadOptions } from './xml-read';
export { writeKmipXml, writeKmipXmlDocument, type KmipXmlWriteOptions } from './xml-write';
export { readKmipJson, readKmipJsonTemplate, type KmipJsonReadOptions } from './json-read';
export { writeKmipJson, kmipJsonItem, type KmipJsonItem, type KmipJsonWriteOptions } from './json-write';
