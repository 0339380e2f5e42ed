import { protocolVersionNode, StructureFields, type ProtocolVersion } from '../../messages';
import { Operation, Tag } from '../../spec';
import type { KmipOperation } from './operation';

/** Asks which of these versions the server speaks; it answers them in its order of preference. */
export function discoverVersions(versions: readonly ProtocolVersion[]): KmipOperation<ProtocolVersion[]> {
  return {
    operation: Operation.DiscoverVersions,
    idempotent: true,
    payload: () => versions.map(protocolVersionNode),
    read: (payload) =>
      payload.all(Tag.ProtocolVersion).map((node) => {
        const fields = StructureFields.of(node, Tag.ProtocolVersion, 'the DiscoverVersions response');
        return {
          major: fields.required(Tag.ProtocolVersionMajor, 'Integer'),
          minor: fields.required(Tag.ProtocolVersionMinor, 'Integer'),
        };
      }),
  };
}
