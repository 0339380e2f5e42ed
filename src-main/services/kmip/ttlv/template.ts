import { formatTag } from '../spec/registry';
import { leaf } from './build';
import { isPlaceholder, type TemplateNode, type TtlvNode, type TtlvPlaceholder } from './types';
import { fail, KmipCodecCode } from '../../../contract';

/**
 * Placeholder syntax of the OASIS test cases: `$NAME`, optionally with a signed offset in
 * seconds (`$NOW-3600`). The template readers (readKmipXmlTemplates, readKmipJsonTemplate) turn
 * such a value, in a leaf of any type, into a TtlvPlaceholder instead of parsing it.
 */
export const PLACEHOLDER_PATTERN = /^\$[A-Z][A-Z0-9_]*(?:[+-]\d+)?$/;

/** Supplies the value a placeholder stands for, or undefined when it does not know it. */
export type PlaceholderResolver = (placeholder: TtlvPlaceholder) => unknown;

/**
 * Replaces every placeholder with the value the resolver gives. Throws KMIP_TEMPLATE_UNRESOLVED
 * when a placeholder gets no value or one its type cannot hold.
 */
export function fillTemplate(template: TemplateNode, resolve: PlaceholderResolver): TtlvNode {
  if (template.type === 'Structure') {
    return { tag: template.tag, type: 'Structure', value: template.value.map((child) => fillTemplate(child, resolve)) };
  }
  if (!isPlaceholder(template)) return template;
  const value = resolve(template);
  if (value === undefined) {
    fail(
      KmipCodecCode.TemplateUnresolved,
      `The KMIP template still has the placeholder ${template.placeholder} in ${formatTag(template.tag)}; it needs a real value.`,
    );
  }
  try {
    return leaf(template.tag, template.type, value);
  } catch {
    fail(
      KmipCodecCode.TemplateUnresolved,
      `The value given for ${template.placeholder} in ${formatTag(template.tag)} is not a valid ${template.type}.`,
    );
  }
}

/** The tree itself, when it has no placeholder left; otherwise KMIP_TEMPLATE_UNRESOLVED. */
export function requireConcrete(template: TemplateNode): TtlvNode {
  return fillTemplate(template, () => undefined);
}

function sameLeafValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  return a === b;
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Where `actual` departs from `expected`, as a path of tags with each item's position in its
 * Structure ("RequestMessage/BatchItem[1]/Operation[0]: ..."), or undefined when they match. A
 * placeholder in `expected` matches any value of its tag and type, which is how a test-case
 * file's `$NOW` compares with a real time stamp.
 */
export function templateMismatch(actual: TemplateNode, expected: TemplateNode): string | undefined {
  return mismatchAt(actual, expected, formatTag(expected.tag));
}

function mismatchAt(actual: TemplateNode, expected: TemplateNode, here: string): string | undefined {
  if (actual.tag !== expected.tag) return `${here}: found ${formatTag(actual.tag)} instead`;
  if (actual.type !== expected.type) return `${here}: found a ${actual.type} instead of a ${expected.type}`;
  if (isPlaceholder(expected)) return undefined;
  if (isPlaceholder(actual)) return `${here}: found the placeholder ${actual.placeholder} instead of a value`;
  if (actual.type === 'Structure' && expected.type === 'Structure') {
    const count = Math.max(actual.value.length, expected.value.length);
    for (let i = 0; i < count; i++) {
      const [a, e] = [actual.value[i], expected.value[i]];
      if (a === undefined || e === undefined) {
        return `${here}: has ${actual.value.length} items instead of ${expected.value.length}`;
      }
      const difference = mismatchAt(a, e, `${here}/${formatTag(e.tag)}[${i}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return sameLeafValue(actual.value, expected.value)
    ? undefined
    : `${here}: value ${describe(actual.value)} instead of ${describe(expected.value)}`;
}

/** Deep equality of two trees (placeholders equal only the same placeholder). */
export function ttlvEqual(a: TemplateNode, b: TemplateNode): boolean {
  if (isPlaceholder(a) || isPlaceholder(b)) {
    return (
      isPlaceholder(a) && isPlaceholder(b) && a.tag === b.tag && a.type === b.type && a.placeholder === b.placeholder
    );
  }
  if (a.type === 'Structure' && b.type === 'Structure') {
    return (
      a.tag === b.tag &&
      a.value.length === b.value.length &&
      a.value.every((child, i) => {
        const other = b.value[i];
        return other !== undefined && ttlvEqual(child, other);
      })
    );
  }
  return a.tag === b.tag && a.type === b.type && sameLeafValue(a.value, b.value);
}
