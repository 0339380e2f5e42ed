import { SecretDataType, Tag } from '../spec';
import { textString, type TtlvNode } from '../ttlv';
import { describeFingerprint, materialFingerprint } from './fingerprint';

/** Structures whose byte strings are secret: key material and what holds it. */
const SECRET_CONTAINERS: ReadonlySet<number> = new Set<number>([
  Tag.KeyMaterial,
  Tag.KeyValue,
  Tag.SecretData,
  Tag.PrivateKey,
  Tag.SymmetricKey,
  Tag.SplitKey,
  Tag.Credential,
]);

/** Leaves secret wherever they appear: plaintext and unwrapped key parts. */
const SECRET_LEAVES: ReadonlySet<number> = new Set<number>([Tag.KeyMaterial, Tag.KeyValue, Tag.Data]);

/** Text inside secret structures that names rather than holds: kept so the log stays readable. */
const PUBLIC_TEXT: ReadonlySet<number> = new Set<number>([Tag.Username, Tag.AttributeName]);

function bigIntegerBytes(value: bigint): Uint8Array {
  const hex = (value < 0n ? -value : value).toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
}

function withheld(node: TtlvNode, password: boolean): TtlvNode {
  if (password) return textString(node.tag, '[password withheld]');
  if (node.type === 'ByteString')
    return textString(node.tag, `[redacted: ${describeFingerprint(materialFingerprint(node.value))}]`);
  if (node.type === 'BigInteger')
    return textString(node.tag, `[redacted: ${describeFingerprint(materialFingerprint(bigIntegerBytes(node.value)))}]`);
  if (node.type === 'TextString')
    return textString(
      node.tag,
      `[redacted: ${describeFingerprint(materialFingerprint(Buffer.from(node.value, 'utf8')))}]`,
    );
  return node;
}

/** Leaf types that can carry key material: bytes, big numbers, and text (a server may send a key as hex or base64 text). */
function mayCarryMaterial(node: TtlvNode): boolean {
  return node.type === 'ByteString' || node.type === 'BigInteger' || node.type === 'TextString';
}

function holdsPassword(node: TtlvNode): boolean {
  return (
    node.tag === Tag.SecretData &&
    node.type === 'Structure' &&
    node.value.some(
      (child) =>
        child.tag === Tag.SecretDataType && child.type === 'Enumeration' && child.value === SecretDataType.Password,
    )
  );
}

function redactNode(node: TtlvNode, insideSecret: boolean, password: boolean): TtlvNode {
  if (node.type === 'Structure') {
    const secret = insideSecret || SECRET_CONTAINERS.has(node.tag);
    const isPassword = password || holdsPassword(node);
    return { ...node, value: node.value.map((child) => redactNode(child, secret, isPassword)) };
  }
  // Passwords are withheld whole: even a hash of one invites guessing.
  if (node.tag === Tag.Password) return withheld(node, true);
  if (node.type === 'TextString' && PUBLIC_TEXT.has(node.tag)) return node;
  if (mayCarryMaterial(node) && (insideSecret || SECRET_LEAVES.has(node.tag))) return withheld(node, password);
  return node;
}

/**
 * A copy of a KMIP message fit for a log: key material, secret data, plaintext and credentials
 * become their length and fingerprint; passwords are withheld entirely.
 */
export function redactSecrets(message: TtlvNode): TtlvNode {
  return redactNode(message, false, false);
}
