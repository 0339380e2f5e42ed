import { formatTag } from '../spec/registry';
import type { LeafTypeName, LeafValue, TtlvNode, TtlvStructure } from '../ttlv/types';
import { fail, CustosError, KmipMessageCode } from '../../../contract';

/** Reads the fields of one Structure, with errors that say which message and field is wrong. */
export class StructureFields {
  private constructor(
    readonly node: TtlvStructure,
    /** Where this structure sits, for error sentences: "batch item 2 of the KMIP response". */
    private readonly where: string,
  ) {}

  /** Checks that `node` is a Structure with this tag. */
  static of(node: TtlvNode, tag: number, where: string): StructureFields {
    if (node.tag !== tag || node.type !== 'Structure') {
      fail(
        KmipMessageCode.BadField,
        `In ${where}, ${formatTag(tag)} was expected as a Structure but ${formatTag(node.tag)} (${node.type}) was found.`,
      );
    }
    return new StructureFields(node, where);
  }

  all(tag: number): TtlvNode[] {
    return this.node.value.filter((child) => child.tag === tag);
  }

  optional<T extends LeafTypeName>(tag: number, type: T): LeafValue<T> | undefined {
    const child = this.node.value.find((item) => item.tag === tag);
    if (child === undefined) return undefined;
    if (child.type === 'Structure' || child.type !== type) {
      fail(
        KmipMessageCode.BadField,
        `In ${this.where}, ${formatTag(tag)} is a ${child.type}; KMIP defines it as a ${type}.`,
      );
    }
    // Sound: a leaf's type fixes its value's type, which TypeScript cannot follow through T.
    return child.value as LeafValue<T>;
  }

  required<T extends LeafTypeName>(tag: number, type: T): LeafValue<T> {
    const value = this.optional(tag, type);
    if (value === undefined) throw this.missing(tag);
    return value;
  }

  optionalStructure(tag: number, where: string): StructureFields | undefined {
    const child = this.node.value.find((item) => item.tag === tag);
    return child === undefined ? undefined : StructureFields.of(child, tag, where);
  }

  requiredStructure(tag: number, where: string): StructureFields {
    const fields = this.optionalStructure(tag, where);
    if (fields === undefined) throw this.missing(tag);
    return fields;
  }

  private missing(tag: number): Error {
    return new CustosError(
      KmipMessageCode.MissingField,
      `In ${this.where}, the required field ${formatTag(tag)} is missing.`,
    );
  }
}

/** The field built from `value`, as a list to spread into a structure: empty when the value is absent. */
export function ifPresent<T>(value: T | undefined, field: (value: T) => TtlvNode): TtlvNode[] {
  return value === undefined ? [] : [field(value)];
}
