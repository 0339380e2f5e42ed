/** The TTLV item types and their type byte (KMIP 1.x section 9.1.1.2; DateTimeExtended is KMIP 2.0). */
export const ItemType = {
  Structure: 0x01,
  Integer: 0x02,
  LongInteger: 0x03,
  BigInteger: 0x04,
  Enumeration: 0x05,
  Boolean: 0x06,
  TextString: 0x07,
  ByteString: 0x08,
  DateTime: 0x09,
  Interval: 0x0a,
  DateTimeExtended: 0x0b,
} as const;

export type ItemTypeName = keyof typeof ItemType;

const typeNamesByCode: ReadonlyMap<number, ItemTypeName> = new Map(
  (Object.keys(ItemType) as ItemTypeName[]).map((name) => [ItemType[name], name]),
);

export function itemTypeOfCode(code: number): ItemTypeName | undefined {
  return typeNamesByCode.get(code);
}

export function isItemTypeName(name: string): name is ItemTypeName {
  return Object.hasOwn(ItemType, name);
}
