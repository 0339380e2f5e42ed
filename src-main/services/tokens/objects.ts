import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { TokenObjectView } from '../../contract';
import { ck } from './pkcs11';
import type { Cryptoki, Handle, Template } from './pkcs11';

/** One object found on a token, with the attributes Custos cares about. */
export interface TokenObject {
  handle: Handle;
  kind: TokenObjectView['kind'];
  label: string;
  /** CKA_ID, hex. */
  id: string;
  keyType: string;
  bits: number;
  access: string[];
}

/** All objects a session can see matching the template (empty: every object). */
export function findObjects(cryptoki: Cryptoki, session: Handle, template: Template = []): Handle[] {
  cryptoki.C_FindObjectsInit(session, template);
  try {
    const found: Handle[] = [];
    for (;;) {
      const batch = cryptoki.C_FindObjects(session, 64);
      if (batch.length === 0) return found;
      found.push(...batch);
    }
  } finally {
    cryptoki.C_FindObjectsFinal(session);
  }
}

/** One attribute, or null where the object has none or keeps it inside (asked one by one: one refusal fails a whole batch). */
export function attribute(cryptoki: Cryptoki, session: Handle, object: Handle, type: number): Buffer | null {
  try {
    const [result] = cryptoki.C_GetAttributeValue(session, object, [{ type }]);
    return result?.value ?? null;
  } catch {
    return null;
  }
}

/** CK_ULONG as the platform lays it out (8 bytes on 64-bit Unix, 4 on Windows). */
export function ulong(value: Buffer | null): number | null {
  if (!value) return null;
  if (value.length >= 8) return Number(value.readBigUInt64LE(0));
  if (value.length >= 4) return value.readUInt32LE(0);
  return null;
}

function bool(cryptoki: Cryptoki, session: Handle, object: Handle, type: number): boolean {
  return attribute(cryptoki, session, object, type)?.[0] === 1;
}

const KIND: Record<number, TokenObjectView['kind']> = {
  [ck.CKO_PRIVATE_KEY]: 'private-key',
  [ck.CKO_PUBLIC_KEY]: 'public-key',
  [ck.CKO_CERTIFICATE]: 'certificate',
  [ck.CKO_SECRET_KEY]: 'secret-key',
};

const KEY_TYPE: Record<number, string> = {
  [ck.CKK_RSA]: 'RSA',
  [ck.CKK_EC]: 'EC',
  [ck.CKK_AES]: 'AES',
  [ck.CKK_DES3]: 'DES3',
  [ck.CKK_GENERIC_SECRET]: 'generic secret',
};

/** The access flags as pkcs11-tool prints them. */
const ACCESS: [number, string][] = [
  [ck.CKA_SENSITIVE, 'sensitive'],
  [ck.CKA_ALWAYS_SENSITIVE, 'always sensitive'],
  [ck.CKA_EXTRACTABLE, 'extractable'],
  [ck.CKA_NEVER_EXTRACTABLE, 'never extractable'],
  [ck.CKA_LOCAL, 'local'],
];

export function describeObject(cryptoki: Cryptoki, session: Handle, handle: Handle): TokenObject {
  const cls = ulong(attribute(cryptoki, session, handle, ck.CKA_CLASS)) ?? -1;
  const kind = KIND[cls] ?? 'other';
  const isKey = kind === 'private-key' || kind === 'public-key' || kind === 'secret-key';
  const keyType = isKey
    ? (KEY_TYPE[ulong(attribute(cryptoki, session, handle, ck.CKA_KEY_TYPE)) ?? -1] ?? 'other')
    : '';
  const modulus = isKey && keyType === 'RSA' ? attribute(cryptoki, session, handle, ck.CKA_MODULUS) : null;
  const valueLen = kind === 'secret-key' ? ulong(attribute(cryptoki, session, handle, ck.CKA_VALUE_LEN)) : null;
  return {
    handle,
    kind,
    label: attribute(cryptoki, session, handle, ck.CKA_LABEL)?.toString('utf8') ?? '',
    id: attribute(cryptoki, session, handle, ck.CKA_ID)?.toString('hex') ?? '',
    keyType,
    bits: modulus ? significantBits(modulus) : valueLen ? valueLen * 8 : 0,
    access:
      kind === 'private-key' || kind === 'secret-key'
        ? ACCESS.filter(([type]) => bool(cryptoki, session, handle, type)).map(([, word]) => word)
        : bool(cryptoki, session, handle, ck.CKA_LOCAL)
          ? ['local']
          : [],
  };
}

function significantBits(modulus: Buffer): number {
  let i = 0;
  while (i < modulus.length && modulus[i] === 0) i++;
  const first = modulus[i] ?? 0;
  return first === 0 ? 0 : (modulus.length - i - 1) * 8 + (32 - Math.clz32(first));
}

/** An RSA public key object as a Node key, from its modulus and exponent. */
export function rsaPublicKey(cryptoki: Cryptoki, session: Handle, handle: Handle): KeyObject | null {
  const n = attribute(cryptoki, session, handle, ck.CKA_MODULUS);
  const e = attribute(cryptoki, session, handle, ck.CKA_PUBLIC_EXPONENT);
  if (!n || !e) return null;
  return createPublicKey({
    key: { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') },
    format: 'jwk',
  });
}
