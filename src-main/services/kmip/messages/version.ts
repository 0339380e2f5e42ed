/** A KMIP protocol version, as Protocol Version Major and Minor carry it. */
export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

export const KMIP_1_0: ProtocolVersion = { major: 1, minor: 0 };
export const KMIP_1_1: ProtocolVersion = { major: 1, minor: 1 };
export const KMIP_1_2: ProtocolVersion = { major: 1, minor: 2 };
export const KMIP_1_3: ProtocolVersion = { major: 1, minor: 3 };
export const KMIP_1_4: ProtocolVersion = { major: 1, minor: 4 };
export const KMIP_2_0: ProtocolVersion = { major: 2, minor: 0 };
export const KMIP_2_1: ProtocolVersion = { major: 2, minor: 1 };

/** KMIP 2.x replaced 1.x Template-Attributes with tagged Attributes, among other changes. */
export function usesKmip2Attributes(version: ProtocolVersion): boolean {
  return version.major >= 2;
}

export function formatVersion(version: ProtocolVersion): string {
  return `${version.major}.${version.minor}`;
}
