export { Tag, type TagName } from './tags';
export { ItemType, type ItemTypeName, itemTypeOfCode, isItemTypeName } from './item-types';
export * from './enumerations';
export * from './masks';
export { ProfileName } from './profile-names';
export { ATTRIBUTE_NAMES } from './attribute-names';
export { normalizeName } from './names';
export type { NamedValues } from './tables';
export {
  type ValueNames,
  tagName,
  tagByName,
  tagHex,
  formatTag,
  enumerationNames,
  maskNames,
  attributeTag,
  attributeName,
} from './registry';
