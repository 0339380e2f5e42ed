import { Tag } from '../spec/tags';
import { integer, structure } from '../ttlv/build';
import type { TtlvStructure } from '../ttlv/types';
import type { StructureFields } from './fields';
import type { ProtocolVersion } from './version';

export function protocolVersionNode(version: ProtocolVersion): TtlvStructure {
  return structure(Tag.ProtocolVersion, [
    integer(Tag.ProtocolVersionMajor, version.major),
    integer(Tag.ProtocolVersionMinor, version.minor),
  ]);
}

/** The Protocol Version inside a header (or any structure that holds one). */
export function readProtocolVersion(fields: StructureFields, where: string): ProtocolVersion {
  const version = fields.requiredStructure(Tag.ProtocolVersion, where);
  return {
    major: version.required(Tag.ProtocolVersionMajor, 'Integer'),
    minor: version.required(Tag.ProtocolVersionMinor, 'Integer'),
  };
}
