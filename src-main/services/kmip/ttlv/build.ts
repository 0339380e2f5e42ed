import type {
  BigIntegerItem,
  BooleanItem,
  ByteStringItem,
  DateTimeExtendedItem,
  DateTimeItem,
  EnumerationItem,
  IntegerItem,
  IntervalItem,
  LeafTypeName,
  LongIntegerItem,
  TextStringItem,
  TtlvLeaf,
  TtlvNode,
  TtlvStructure,
} from './types';
import { leafValueProblem } from './validate';
import { dateTimeFromDate } from './datetime';
import { fail, KmipCodecCode } from '../../../contract';

export const structure = (tag: number, value: readonly TtlvNode[]): TtlvStructure => ({
  tag,
  type: 'Structure',
  value,
});
export const integer = (tag: number, value: number): IntegerItem => ({ tag, type: 'Integer', value });
export const longInteger = (tag: number, value: bigint): LongIntegerItem => ({ tag, type: 'LongInteger', value });
export const bigInteger = (tag: number, value: bigint): BigIntegerItem => ({ tag, type: 'BigInteger', value });
export const enumeration = (tag: number, value: number): EnumerationItem => ({ tag, type: 'Enumeration', value });
export const boolean = (tag: number, value: boolean): BooleanItem => ({ tag, type: 'Boolean', value });
export const textString = (tag: number, value: string): TextStringItem => ({ tag, type: 'TextString', value });
export const byteString = (tag: number, value: Uint8Array): ByteStringItem => ({ tag, type: 'ByteString', value });
export const interval = (tag: number, seconds: number): IntervalItem => ({ tag, type: 'Interval', value: seconds });
export const dateTimeExtended = (tag: number, microseconds: bigint): DateTimeExtendedItem => ({
  tag,
  type: 'DateTimeExtended',
  value: microseconds,
});
export const dateTime = (tag: number, when: bigint | Date): DateTimeItem => ({
  tag,
  type: 'DateTime',
  value: typeof when === 'bigint' ? when : dateTimeFromDate(when),
});

/**
 * A leaf of a type known only at run time (from a text encoding or a placeholder resolver).
 * Throws KMIP_TTLV_INVALID_NODE when the value does not fit the type.
 */
export function leaf(tag: number, type: LeafTypeName, value: unknown): TtlvLeaf {
  const problem = leafValueProblem(type, value);
  if (problem === undefined) {
    switch (type) {
      case 'Integer':
      case 'Enumeration':
      case 'Interval':
        if (typeof value === 'number') return { tag, type, value };
        break;
      case 'LongInteger':
      case 'BigInteger':
      case 'DateTime':
      case 'DateTimeExtended':
        if (typeof value === 'bigint') return { tag, type, value };
        break;
      case 'Boolean':
        if (typeof value === 'boolean') return { tag, type, value };
        break;
      case 'TextString':
        if (typeof value === 'string') return { tag, type, value };
        break;
      case 'ByteString':
        if (value instanceof Uint8Array) return { tag, type, value };
        break;
    }
  }
  fail(
    KmipCodecCode.TtlvInvalidNode,
    `A KMIP ${type} item cannot hold that value: ${problem ?? 'wrong kind of value'}.`,
  );
}
