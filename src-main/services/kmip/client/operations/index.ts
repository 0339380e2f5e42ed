export {
  type KmipOperation,
  type OperationResult,
  type KmipObjectId,
  isReadOperation,
  operationName,
} from './operation';
export { discoverVersions } from './discover-versions';
export { query, DEFAULT_QUERY_FUNCTIONS, type KmipServerFacts } from './query';
export { create, type SymmetricKeySpec, type KmipCreated } from './create';
export { createKeyPair, type KeyPairSpec, type KmipKeyPairCreated } from './create-key-pair';
export { register } from './register';
export { locate, type LocateCriteria, type KmipLocated } from './locate';
export { get, type GetOptions } from './get';
export {
  getAttributes,
  getAttributeList,
  attributeReference,
  type KmipAttributes,
  type KmipAttributeNames,
} from './get-attributes';
export {
  addAttribute,
  modifyAttribute,
  setAttribute,
  deleteAttribute,
  type AttributeToDelete,
} from './attribute-edits';
export { activate, revoke, destroy, type Revocation } from './lifecycle';
export { reKey, type ReKeyOptions } from './rekey';
