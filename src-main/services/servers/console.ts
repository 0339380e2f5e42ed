import { kmipOperations, nameAttribute, objectGroupAttribute, plainAttribute } from '../kmip';
import type { StationPair } from './station-pair';

/**
 * The KMIP console: what a custodian asks one chosen key server directly (no failover, so the
 * answer is that server's). Attributes are shown as text; a console never shows key material.
 */
export class KmipConsole {
  constructor(private readonly pair: StationPair) {}

  async query(server: string) {
    const { value: facts } = await this.pair.runOn(server, kmipOperations.query());
    return {
      operations: [...facts.operations],
      objectTypes: [...facts.objectTypes],
      vendor: facts.vendorIdentification ?? null,
      serverInformation: facts.serverInformation ?? null,
    };
  }

  async locate(server: string, criteria: { name?: string; group?: string; offset: number; max: number }) {
    const attributes = [
      ...(criteria.name ? [nameAttribute(criteria.name)] : []),
      ...(criteria.group ? [objectGroupAttribute(criteria.group)] : []),
    ];
    const { value: found } = await this.pair.runOn(
      server,
      kmipOperations.locate({ attributes, maximumItems: criteria.max, offsetItems: criteria.offset || undefined }),
    );
    return { ids: [...found.uniqueIdentifiers] };
  }

  async attributes(server: string, id: string) {
    const { value } = await this.pair.runOn(server, kmipOperations.getAttributes(id));
    return value.attributes.map((a) => {
      const plain = plainAttribute(a);
      return {
        name: plain.index ? `${plain.name} [${plain.index}]` : plain.name,
        value: typeof plain.value === 'string' ? plain.value : JSON.stringify(plain.value),
      };
    });
  }
}
