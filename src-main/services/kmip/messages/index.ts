export {
  type ProtocolVersion,
  KMIP_1_0,
  KMIP_1_1,
  KMIP_1_2,
  KMIP_1_3,
  KMIP_1_4,
  KMIP_2_0,
  KMIP_2_1,
  usesKmip2Attributes,
  formatVersion,
} from './version';
export { StructureFields, ifPresent } from './fields';
export { protocolVersionNode, readProtocolVersion } from './protocol-version';
export {
  type RequestHeader,
  type RequestBatchItem,
  type RequestMessage,
  buildRequestMessage,
  readRequestMessage,
} from './request';
export {
  type ResponseHeader,
  type ResponseBatchItem,
  type ResponseMessage,
  buildResponseMessage,
  readResponseMessage,
} from './response';
export {
  type KmipAttribute,
  type AttributeGroup,
  attributeNode,
  readAttributeNode,
  attributeGroupNode,
  readAttributeGroup,
} from './attributes';
