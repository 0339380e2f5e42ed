import { KMIP_1_2, KMIP_1_3, KMIP_1_4, KMIP_2_0, type ProtocolVersion } from '../messages';

/** Newest first: what Custos asks for unless told otherwise. */
export const DEFAULT_VERSION_PREFERENCES: readonly ProtocolVersion[] = [KMIP_2_0, KMIP_1_4, KMIP_1_3, KMIP_1_2];

function compare(a: ProtocolVersion, b: ProtocolVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function sameVersion(a: ProtocolVersion, b: ProtocolVersion): boolean {
  return compare(a, b) === 0;
}

/**
 * The version to put in the DiscoverVersions header: the oldest preferred one that has the
 * operation (1.1 and later), since a server may reject a header newer than it knows.
 */
export function discoveryHeaderVersion(preferences: readonly ProtocolVersion[]): ProtocolVersion {
  const sorted = [...preferences].sort(compare);
  return sorted.find((version) => compare(version, { major: 1, minor: 1 }) >= 0) ?? sorted[0] ?? KMIP_1_2;
}

/** Our first preference the server also speaks. */
export function chooseVersion(
  preferences: readonly ProtocolVersion[],
  offered: readonly ProtocolVersion[],
): ProtocolVersion | undefined {
  return preferences.find((wanted) => offered.some((version) => sameVersion(version, wanted)));
}

/** "1.2" -> KMIP 1.2; undefined for anything else. */
export function parseVersion(text: string): ProtocolVersion | undefined {
  const match = /^(\d{1,2})\.(\d{1,2})$/.exec(text.trim());
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}
