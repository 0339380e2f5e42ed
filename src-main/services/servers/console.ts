import { X509Certificate } from 'node:crypto';
import { fail, KmipCode } from '../../contract';
import type { KmipRevocationReason } from '../../contract';
import type { AuditLog } from '../audit';
import {
  describeFingerprint,
  formatVersion,
  kmipOperations,
  materialFingerprint,
  nameAttribute,
  objectGroupAttribute,
  plainAttribute,
  RevocationReasonCode,
  type KmipAttribute,
  type KmipObjectContent,
  type KmipOperation,
  type PlainValue,
} from '../kmip';
import { keyCheckValue, type Keystore } from '../keystore';
import type { PairAnswer } from './pair';
import type { StationPair } from './station-pair';

const REVOCATION_CODES: Record<KmipRevocationReason, number> = {
  unspecified: RevocationReasonCode.Unspecified,
  'key-compromise': RevocationReasonCode.KeyCompromise,
  'ca-compromise': RevocationReasonCode.CACompromise,
  'affiliation-changed': RevocationReasonCode.AffiliationChanged,
  superseded: RevocationReasonCode.Superseded,
  'cessation-of-operation': RevocationReasonCode.CessationOfOperation,
  'privilege-withdrawn': RevocationReasonCode.PrivilegeWithdrawn,
};

interface ConsoleLine {
  name: string;
  value: string;
}

function answeredBy(answer: PairAnswer<unknown>) {
  return { server: answer.server, role: answer.role };
}

/** An attribute's value as a custodian reads it: a Name is its text, a structure its fields. */
function readable(value: PlainValue): string {
  if (Array.isArray(value)) return value.map(readable).join(', ');
  if (typeof value === 'object' && value !== null) {
    const fields = value as Record<string, PlainValue>;
    if (typeof fields.NameValue === 'string') return fields.NameValue;
    return Object.entries(fields)
      .map(([key, field]) => `${key}: ${readable(field)}`)
      .join('; ');
  }
  return String(value);
}

function attributeLines(attributes: readonly KmipAttribute[]): ConsoleLine[] {
  return attributes.map((a) => {
    const plain = plainAttribute(a);
    return { name: plain.index ? `${plain.name} [${plain.index}]` : plain.name, value: readable(plain.value) };
  });
}

/** What a Get shows: metadata, a key check value and fingerprint, never the key bytes. */
export function objectSummary(object: KmipObjectContent): ConsoleLine[] {
  if (object.certificate !== undefined) {
    const certificate = new X509Certificate(object.certificate.der);
    return [
      { name: 'Subject', value: certificate.subject.replace(/\n/g, ', ') },
      { name: 'Valid until', value: new Date(certificate.validTo).toISOString() },
      { name: 'SHA-256', value: certificate.fingerprint256 },
    ];
  }
  const block = object.keyBlock;
  if (block === undefined) return [];
  const lines: ConsoleLine[] = [
    {
      name: 'Key',
      value: `${block.algorithm ?? 'unknown algorithm'}${block.bits === undefined ? '' : `-${block.bits}`} (${block.formatType}${block.wrapped ? ', wrapped' : ''})`,
    },
  ];
  const { material } = block;
  if (material === undefined) {
    lines.push({ name: 'Material', value: 'not in a plain form' });
    return lines;
  }
  const isAes = block.algorithm === 'AES' && [16, 24, 32].includes(material.length);
  if (isAes) lines.push({ name: 'Key check value', value: keyCheckValue(Buffer.from(material)) });
  lines.push({ name: 'Material', value: describeFingerprint(materialFingerprint(material)) });
  return lines;
}

/**
 * The KMIP console: what a custodian asks the key servers directly, every operation the CLI's
 * `custos kmip` has. Reads go to one chosen server (no failover, so the answer is that server's)
 * or, with no server named, through the pair (primary, then secondary). Changes go through the
 * pair to the primary only (KMIP_PRIMARY_UNAVAILABLE names it when it cannot be used), each
 * carrying the confirmation the custodian typed, checked here too, and each audited. Attributes
 * are shown as text; a console never shows key material.
 */
export class KmipConsole {
  constructor(
    private readonly pair: StationPair,
    private readonly keystore: Keystore,
    private readonly audit: AuditLog,
  ) {}

  private read<T>(server: string | undefined, operation: KmipOperation<T>): Promise<PairAnswer<T>> {
    return server === undefined ? this.pair.run(operation) : this.pair.runOn(server, operation);
  }

  async query(server: string) {
    const { value: facts } = await this.pair.runOn(server, kmipOperations.query());
    return {
      operations: [...facts.operations],
      objectTypes: [...facts.objectTypes],
      vendor: facts.vendorIdentification ?? null,
      serverInformation: facts.serverInformation ?? null,
    };
  }

  async discover(server?: string) {
    const answer = await this.read(server, kmipOperations.discoverVersions([]));
    return {
      ...answeredBy(answer),
      versions: answer.value.map(formatVersion),
      chosen: answer.session?.protocolVersion ?? null,
    };
  }

  async locate(server: string | undefined, criteria: { name?: string; group?: string; offset: number; max: number }) {
    const attributes = [
      ...(criteria.name ? [nameAttribute(criteria.name)] : []),
      ...(criteria.group ? [objectGroupAttribute(criteria.group)] : []),
    ];
    const { value: found } = await this.read(
      server,
      kmipOperations.locate({ attributes, maximumItems: criteria.max, offsetItems: criteria.offset || undefined }),
    );
    return { ids: [...found.uniqueIdentifiers] };
  }

  async attributes(server: string | undefined, id: string) {
    const { value } = await this.read(server, kmipOperations.getAttributes(id));
    return attributeLines(value.attributes);
  }

  /** Get and Get Attributes in one message; the object's key bytes stay in main. */
  async get(server: string | undefined, id: string) {
    const operations = [kmipOperations.get(id), kmipOperations.getAttributes(id)] as const;
    const answer =
      server === undefined ? await this.pair.batch(operations) : await this.pair.batchOn(server, operations);
    const [got, read] = answer.value;
    if (got.status === 'failed') throw got.error;
    if (got.status !== 'ok') fail(KmipCode.BadResponse, `The key server "${answer.server}" did not run the Get.`);
    const object = got.value;
    return {
      ...answeredBy(answer),
      uniqueIdentifier: object.uniqueIdentifier,
      objectType: object.objectType,
      summary: objectSummary(object),
      attributes: read.status === 'ok' ? attributeLines(read.value.attributes) : [],
    };
  }

  async create(input: { name: string; group?: string; bits: 128 | 192 | 256; confirm: string }) {
    this.confirmed(input.confirm.trim() === input.name, 'create', input.name, `the key's name "${input.name}"`);
    const attributes = [nameAttribute(input.name), ...(input.group ? [objectGroupAttribute(input.group)] : [])];
    return this.change('kmip.create', input.name, async () => {
      const answer = await this.pair.run(kmipOperations.create({ bits: input.bits, attributes }));
      return { answer, id: answer.value.uniqueIdentifier, state: 'Pre-Active' };
    });
  }

  async register(input: { label: string; name: string; group?: string; confirm: string }) {
    this.confirmed(input.confirm.trim() === input.name, 'register', input.name, `the name "${input.name}"`);
    // Only the certificate: a keystore entry's private key or secret never goes to a key server from here.
    const der = this.keystore.certificateOf(input.label);
    const attributes = [nameAttribute(input.name), ...(input.group ? [objectGroupAttribute(input.group)] : [])];
    return this.change('kmip.register', input.name, async () => {
      const answer = await this.pair.run(kmipOperations.register({ type: 'Certificate', der }, attributes));
      return { answer, id: answer.value.uniqueIdentifier, state: 'Pre-Active' };
    });
  }

  async activate(input: { id: string; confirm: string }) {
    this.confirmed(input.confirm === input.id, 'activate', input.id, `the object's id "${input.id}"`);
    return this.change('kmip.activate', input.id, async () => {
      const answer = await this.pair.run(kmipOperations.activate(input.id));
      return { answer, id: input.id, state: 'Active' };
    });
  }

  async revoke(input: { id: string; reason: KmipRevocationReason; confirm: string }) {
    await this.confirmedByIdOrName(input, 'revoke');
    const reason = REVOCATION_CODES[input.reason];
    const compromised = input.reason === 'key-compromise' || input.reason === 'ca-compromise';
    return this.change(
      'kmip.revoke',
      input.id,
      async () => {
        const answer = await this.pair.run(
          kmipOperations.revoke(input.id, { reason, compromisedAt: compromised ? new Date() : undefined }),
        );
        return { answer, id: input.id, state: compromised ? 'Compromised' : 'Deactivated' };
      },
      input.reason,
    );
  }

  async destroy(input: { id: string; confirm: string }) {
    await this.confirmedByIdOrName(input, 'destroy');
    return this.change('kmip.destroy', input.id, async () => {
      const answer = await this.pair.run(kmipOperations.destroy(input.id));
      return { answer, id: input.id, state: 'Destroyed' };
    });
  }

  /** Revoke and destroy: the custodian types the object's id or its Name (read from the primary). */
  private async confirmedByIdOrName(input: { id: string; confirm: string }, action: string): Promise<void> {
    const typed = input.confirm.trim();
    if (typed === input.id) return;
    let names: string[] = [];
    if (typed !== '') {
      const { value } = await this.pair.run(kmipOperations.getAttributes(input.id, ['Name']));
      names = attributeLines(value.attributes)
        .filter((line) => line.name.startsWith('Name'))
        .map((line) => line.value);
    }
    this.confirmed(names.includes(typed), action, input.id, `the object's id "${input.id}" or its name`);
  }

  private confirmed(ok: boolean, action: string, object: string, what: string): void {
    if (ok) return;
    this.audit.record({ action: `kmip.${action}`, object, outcome: 'refused', detail: 'not confirmed' });
    fail(KmipCode.ChangeNotConfirmed, `Nothing was changed: to ${action}, type ${what} to confirm.`);
  }

  private async change(
    action: string,
    object: string,
    work: () => Promise<{ answer: PairAnswer<unknown>; id: string; state: string }>,
    detail?: string,
  ) {
    try {
      const { answer, id, state } = await work();
      this.audit.record({
        action,
        object: id,
        outcome: 'ok',
        detail: [`server ${answer.server}`, detail].filter(Boolean).join(', '),
      });
      return { ...answeredBy(answer), uniqueIdentifier: id, state };
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'failed';
      this.audit.record({ action, object, outcome: 'failed', detail: code });
      throw error;
    }
  }
}
