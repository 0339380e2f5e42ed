import { X509Certificate } from 'node:crypto';
import { CustosError, KmipCode } from '../../../contract';
import { describeFingerprint, materialFingerprint } from '../../../services/kmip';
import type {
  KmipItemResult,
  KmipObjectContent,
  KmipSessionInfo,
  PlainAttribute,
  PlainValue,
} from '../../../services/kmip';

/** How `custos kmip` shows what a key server answered: never key material, only its length and fingerprint. */

export function failureOf(result: KmipItemResult<unknown>): CustosError {
  return result.status === 'failed'
    ? result.error
    : new CustosError(KmipCode.BadResponse, 'The key server did not run the request.');
}

export function connectionView(session: KmipSessionInfo): object {
  return {
    address: session.address,
    protocolVersion: session.protocolVersion,
    versionSource: session.versionSource,
    tlsProtocol: session.tlsProtocol,
    cipher: session.cipher,
    hostname: session.hostname,
    serverCertificate: session.serverCertificate,
  };
}

export function objectSummary(object: KmipObjectContent): { value: object; lines: string[] } {
  const block = object.keyBlock;
  if (object.certificate !== undefined) {
    const certificate = new X509Certificate(object.certificate.der);
    const view = {
      subject: certificate.subject.replace(/\n/g, ', '),
      notAfter: new Date(certificate.validTo).toISOString(),
      sha256: certificate.fingerprint256,
    };
    return {
      value: { certificate: view },
      lines: [`Subject      ${view.subject}`, `Valid until  ${view.notAfter}`, `SHA-256      ${view.sha256}`],
    };
  }
  if (block === undefined) return { value: {}, lines: [] };
  const material = block.material === undefined ? undefined : materialFingerprint(block.material);
  const key = `${block.algorithm ?? 'unknown algorithm'}${block.bits === undefined ? '' : `-${block.bits}`}`;
  return {
    value: {
      key: {
        formatType: block.formatType,
        algorithm: block.algorithm,
        bits: block.bits,
        wrapped: block.wrapped,
        material,
      },
    },
    lines: [
      `Key          ${key} (${block.formatType}${block.wrapped ? ', wrapped' : ''})`,
      `Material     ${material === undefined ? 'not in a plain form' : describeFingerprint(material)}`,
    ],
  };
}

function plainText(value: PlainValue): string {
  if (Array.isArray(value)) return value.map(plainText).join(' | ');
  if (typeof value === 'object') return Object.values(value).map(plainText).join(' / ');
  return String(value);
}

export function attributeLines(attributes: readonly PlainAttribute[]): string {
  if (attributes.length === 0) return 'No attributes.';
  const width = Math.max(...attributes.map((attribute) => attribute.name.length));
  return attributes.map((attribute) => `${attribute.name.padEnd(width)}  ${plainText(attribute.value)}`).join('\n');
}
