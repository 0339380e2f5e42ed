import type { ItemTypeName } from '../spec/item-types';

interface Item<T extends ItemTypeName, V> {
  /** A 24-bit tag: 0x42XXXX for the specs' tags, 0x54XXXX for vendor extensions. */
  readonly tag: number;
  readonly type: T;
  readonly value: V;
}

/** A signed 32-bit integer (a mask when its tag has named bits). */
export type IntegerItem = Item<'Integer', number>;
/** A signed 64-bit integer. */
export type LongIntegerItem = Item<'LongInteger', bigint>;
/** A signed integer of any size (two's complement on the wire, padded to 8-byte multiples). */
export type BigIntegerItem = Item<'BigInteger', bigint>;
/** An unsigned 32-bit value whose names depend on the tag. */
export type EnumerationItem = Item<'Enumeration', number>;
export type BooleanItem = Item<'Boolean', boolean>;
export type TextStringItem = Item<'TextString', string>;
export type ByteStringItem = Item<'ByteString', Uint8Array>;
/** Seconds since 1970-01-01T00:00:00Z, signed 64-bit, as on the wire (a Date would lose range). */
export type DateTimeItem = Item<'DateTime', bigint>;
/** A duration in seconds, unsigned 32-bit. */
export type IntervalItem = Item<'Interval', number>;
/** Microseconds since 1970-01-01T00:00:00Z, signed 64-bit (KMIP 2.0). */
export type DateTimeExtendedItem = Item<'DateTimeExtended', bigint>;

export type TtlvLeaf =
  | IntegerItem
  | LongIntegerItem
  | BigIntegerItem
  | EnumerationItem
  | BooleanItem
  | TextStringItem
  | ByteStringItem
  | DateTimeItem
  | IntervalItem
  | DateTimeExtendedItem;

export interface TtlvStructure {
  readonly tag: number;
  readonly type: 'Structure';
  readonly value: readonly TtlvNode[];
}

/** One TTLV item: what a KMIP message is made of, whatever its tags mean. */
export type TtlvNode = TtlvLeaf | TtlvStructure;

export type LeafTypeName = TtlvLeaf['type'];
type ValueOfLeafType = { [L in TtlvLeaf as L['type']]: L['value'] };
export type LeafValue<T extends LeafTypeName> = ValueOfLeafType[T];

/**
 * A leaf whose value is not known yet, as the OASIS test cases write `$NOW`, `$NOW-3600` or
 * `$UNIQUE_IDENTIFIER_0`: it keeps its tag and type and names the value it stands for.
 */
export interface TtlvPlaceholder {
  readonly tag: number;
  readonly type: LeafTypeName;
  readonly placeholder: string;
}

export interface TemplateStructure {
  readonly tag: number;
  readonly type: 'Structure';
  readonly value: readonly TemplateNode[];
}

/** A tree that may hold placeholders; every TtlvNode is also a TemplateNode. */
export type TemplateNode = TtlvLeaf | TtlvPlaceholder | TemplateStructure;

export function isPlaceholder(node: TemplateNode): node is TtlvPlaceholder {
  return 'placeholder' in node;
}
