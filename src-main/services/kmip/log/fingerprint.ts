import { createHash } from 'node:crypto';

/** How key material is shown: its size and the first 8 bytes of its SHA-256, never the bytes. */
export interface MaterialFingerprint {
  readonly bytes: number;
  /** 16 hex digits. */
  readonly sha256: string;
}

export function materialFingerprint(material: Uint8Array): MaterialFingerprint {
  return { bytes: material.length, sha256: createHash('sha256').update(material).digest('hex').slice(0, 16) };
}

export function describeFingerprint(fingerprint: MaterialFingerprint): string {
  return `${fingerprint.bytes} bytes, SHA-256 ${fingerprint.sha256}`;
}
