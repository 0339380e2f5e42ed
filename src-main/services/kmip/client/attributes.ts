import type { KmipAttribute } from '../messages';
import { AlternativeNameType, NameType, Tag } from '../spec';
import { enumeration, integer, structure, textString } from '../ttlv';

/**
 * Builders for the attributes a custodian sets. Values carry Tag.AttributeValue; the message
 * layer re-tags them for KMIP 1.x (Attribute Value) or 2.x (the attribute's own tag).
 */
export function nameAttribute(name: string, type: number = NameType.UninterpretedTextString): KmipAttribute {
  return {
    name: 'Name',
    value: structure(Tag.AttributeValue, [textString(Tag.NameValue, name), enumeration(Tag.NameType, type)]),
  };
}

export function objectGroupAttribute(group: string): KmipAttribute {
  return { name: 'Object Group', value: textString(Tag.AttributeValue, group) };
}

export function alternativeNameAttribute(
  value: string,
  type: number = AlternativeNameType.UninterpretedTextString,
): KmipAttribute {
  return {
    name: 'Alternative Name',
    value: structure(Tag.AttributeValue, [
      textString(Tag.AlternativeNameValue, value),
      enumeration(Tag.AlternativeNameType, type),
    ]),
  };
}

export function applicationSpecificInformationAttribute(namespace: string, data: string): KmipAttribute {
  return {
    name: 'Application Specific Information',
    value: structure(Tag.AttributeValue, [
      textString(Tag.ApplicationNamespace, namespace),
      textString(Tag.ApplicationData, data),
    ]),
  };
}

/**
 * A client-defined text attribute. KMIP 1.x names it "x-..."; KMIP 2.x sends it with Vendor
 * Identification "x" (which 1.x ignores).
 */
export function customAttribute(name: string, value: string): KmipAttribute {
  const named = name.startsWith('x-') || name.startsWith('y-') ? name : `x-${name}`;
  return { name: named, value: textString(Tag.AttributeValue, value), vendor: 'x' };
}

export function cryptographicAlgorithmAttribute(algorithm: number): KmipAttribute {
  return { name: 'Cryptographic Algorithm', value: enumeration(Tag.AttributeValue, algorithm) };
}

export function cryptographicLengthAttribute(bits: number): KmipAttribute {
  return { name: 'Cryptographic Length', value: integer(Tag.AttributeValue, bits) };
}

export function cryptographicUsageMaskAttribute(mask: number): KmipAttribute {
  return { name: 'Cryptographic Usage Mask', value: integer(Tag.AttributeValue, mask) };
}

/** Every text value of the Name attributes among these. */
export function namesOf(attributes: readonly KmipAttribute[]): string[] {
  return attributes.flatMap((attribute) => {
    if (attribute.name !== 'Name' || attribute.value.type !== 'Structure') return [];
    const value = attribute.value.value.find((child) => child.tag === Tag.NameValue);
    return value?.type === 'TextString' ? [value.value] : [];
  });
}

/** The text value of a single-valued text attribute ("Object Group"), if present. */
export function textAttribute(attributes: readonly KmipAttribute[], name: string): string | undefined {
  const found = attributes.find((attribute) => attribute.name === name);
  return found?.value.type === 'TextString' ? found.value.value : undefined;
}
