import { describe, it, expect } from 'vitest';
import * as spec from '../../../src-main/services/kmip/spec';
import {
  attributeName,
  attributeTag,
  CryptographicAlgorithm,
  enumerationNames,
  formatTag,
  ItemType,
  itemTypeOfCode,
  maskNames,
  normalizeName,
  Operation,
  ResultReason,
  Tag,
  tagByName,
  tagName,
  type NamedValues,
} from '../../../src-main/services/kmip/spec';

describe('normalizing KMIP spec names for the XML and JSON encodings', () => {
  it.each([
    ['Create Key Pair', 'CreateKeyPair'],
    ['Re-key Key Pair', 'ReKeyKeyPair'],
    ['Pre-Active', 'PreActive'],
    ['PKCS#1', 'PKCS_1'],
    ['X.509', 'X_509'],
    ['3DES', 'DES3'],
    ['HMAC-SHA256', 'HMAC_SHA256'],
    ['SHA-256 with RSA Encryption', 'SHA_256WithRSAEncryption'],
    ['Polynomial Sharing GF (2^8)', 'PolynomialSharingGF2_8'],
    ['MAC/sign then encrypt', 'MACSignThenEncrypt'],
    ['IV/Counter/Nonce', 'IVCounterNonce'],
    ['On-line storage', 'OnLineStorage'],
    ['Template-Attribute', 'TemplateAttribute'],
    ['Object archived', 'ObjectArchived'],
    ['Cryptographic   Length', 'CryptographicLength'],
  ])('%s -> %s', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });
});

function isTable(value: unknown): value is NamedValues {
  return (
    typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'number')
  );
}

describe('the tag table', () => {
  const entries = Object.entries(Tag);

  it('holds the 372 tags of KMIP 1.0 to 2.1, each once, under its normalized name', () => {
    expect(entries).toHaveLength(372);
    expect(new Set(entries.map(([, tag]) => tag)).size).toBe(entries.length);
    for (const [name, tag] of entries) {
      expect(normalizeName(name)).toBe(name);
      expect(tag >>> 16).toBe(0x42);
    }
  });

  it('has the numbers the specs give', () => {
    expect(Tag.ActivationDate).toBe(0x420001);
    expect(Tag.RequestMessage).toBe(0x420078);
    expect(Tag.ResponseMessage).toBe(0x42007b);
    expect(Tag.X_509CertificateIdentifier).toBe(0x4200b5);
    expect(Tag.ReplaceExisting).toBe(0x420124);
    expect(Tag.Attributes).toBe(0x420125);
    expect(Tag.PublicProtectionStorageMasks).toBe(0x420165);
    expect(Tag.AsynchronousCorrelationValues).toBe(0x420176);
  });

  it('looks names up both ways, and formats tags it does not know as hex', () => {
    expect(tagName(0x42005c)).toBe('Operation');
    expect(tagByName('Operation')).toBe(0x42005c);
    expect(tagByName('toString')).toBeUndefined();
    expect(formatTag(0x540001)).toBe('0x540001');
    expect(formatTag(0x42ffff)).toBe('0x42FFFF');
  });
});

describe('the enumeration and mask tables', () => {
  const tables: Array<[string, NamedValues]> = [];
  for (const [name, value] of Object.entries(spec)) {
    if (isTable(value) && name !== 'Tag' && name !== 'ItemType') tables.push([name, value]);
  }

  it('use normalized names, and give each value one written name', () => {
    expect(tables.length).toBeGreaterThan(55);
    for (const [, table] of tables) {
      for (const [name, value] of Object.entries(table)) {
        expect(normalizeName(name)).toBe(name);
        expect(value >>> 0).toBe(value);
      }
    }
  });

  it('have the values the specs give, KMIP 2.0 and 2.1 additions included', () => {
    expect(Operation.Create).toBe(1);
    expect(Operation.DiscoverVersions).toBe(0x1e);
    expect(Operation.Export).toBe(0x2b);
    expect(Operation.ReProvision).toBe(0x35);
    expect(Operation.Ping).toBe(0x3b);
    expect(ResultReason.GeneralFailure).toBe(0x100);
    expect(ResultReason.ObjectAlreadyExists).toBe(0x18);
    expect(ResultReason.WrongKeyLifecycleState).toBe(0x43);
    expect(CryptographicAlgorithm.DES3).toBe(2);
    expect(CryptographicAlgorithm.Ed448).toBe(0x38);
  });

  it('are found from the tag that uses them', () => {
    expect(enumerationNames(Tag.Operation)?.nameOf.get(1)).toBe('Create');
    expect(enumerationNames(Tag.MaskGeneratorHashingAlgorithm)?.valueOf.get('SHA_256')).toBe(6);
    expect(enumerationNames(Tag.Tag)?.nameOf.get(Tag.ObjectType)).toBe('ObjectType');
    expect(enumerationNames(Tag.Name)).toBeUndefined();
    expect(maskNames(Tag.CryptographicUsageMask)?.nameOf.get(4)).toBe('Encrypt');
    expect(maskNames(Tag.CryptographicLength)).toBeUndefined();
  });
});

describe('attribute names', () => {
  it('map KMIP 1.x attribute names to the tags KMIP 2.x uses, however they are spaced', () => {
    expect(attributeTag('Cryptographic Usage Mask')).toBe(Tag.CryptographicUsageMask);
    expect(attributeTag('Cryptographic   Length')).toBe(Tag.CryptographicLength);
    expect(attributeTag('X.509 Certificate Identifier')).toBe(Tag.X_509CertificateIdentifier);
    expect(attributeTag('x-ID')).toBeUndefined();
    expect(attributeTag('0x540010')).toBe(0x540010);
  });

  it('map tags back to the KMIP 1.x spelling', () => {
    expect(attributeName(Tag.CryptographicUsageMask)).toBe('Cryptographic Usage Mask');
    expect(attributeName(Tag.PKCS_12FriendlyName)).toBe('PKCS#12 Friendly Name');
    expect(attributeName(Tag.RotateInterval)).toBe('Rotate Interval');
    expect(attributeName(0x540010)).toBe('0x540010');
  });
});

describe('item types', () => {
  it('have the type bytes of the spec, Date-Time Extended of KMIP 2.0 included', () => {
    expect(ItemType.Structure).toBe(1);
    expect(ItemType.Interval).toBe(0x0a);
    expect(ItemType.DateTimeExtended).toBe(0x0b);
    expect(itemTypeOfCode(0x07)).toBe('TextString');
    expect(itemTypeOfCode(0x0c)).toBeUndefined();
  });
});
