import { attributeTag } from '../spec/registry';
import { Tag } from '../spec/tags';
import { isPlaceholder, type TemplateNode } from './types';

/**
 * The tag whose enumeration or mask names a leaf's value. Usually the leaf's own tag; but a
 * KMIP 1.x Attribute Value takes its names from the attribute its sibling Attribute Name
 * gives ("Cryptographic Algorithm" makes "AES" mean 3). `index` is the leaf's place among `siblings`.
 */
export function namingTag(tag: number, siblings: readonly TemplateNode[], index: number): number {
  if (tag !== Tag.AttributeValue) return tag;
  for (let i = index - 1; i >= 0; i--) {
    const sibling = siblings[i];
    if (
      sibling !== undefined &&
      sibling.tag === Tag.AttributeName &&
      sibling.type === 'TextString' &&
      !isPlaceholder(sibling)
    ) {
      return attributeTag(sibling.value) ?? tag;
    }
  }
  return tag;
}
