import { InvalidArgumentError } from 'commander';
import { parseVersion, RevocationReasonCode, type ProtocolVersion } from '../../../services/kmip';

/** Option parsers of `custos kmip`: a bad value is a usage error (exit 2). */

export const REVOCATION_REASONS = {
  unspecified: RevocationReasonCode.Unspecified,
  'key-compromise': RevocationReasonCode.KeyCompromise,
  'ca-compromise': RevocationReasonCode.CACompromise,
  'affiliation-changed': RevocationReasonCode.AffiliationChanged,
  superseded: RevocationReasonCode.Superseded,
  'cessation-of-operation': RevocationReasonCode.CessationOfOperation,
  'privilege-withdrawn': RevocationReasonCode.PrivilegeWithdrawn,
} as const;

function isRevocationReason(value: string): value is keyof typeof REVOCATION_REASONS {
  return Object.hasOwn(REVOCATION_REASONS, value);
}

export function revocationReason(value: string): keyof typeof REVOCATION_REASONS {
  if (!isRevocationReason(value))
    throw new InvalidArgumentError(`expected one of ${Object.keys(REVOCATION_REASONS).join(', ')}.`);
  return value;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function kmipVersion(value: string): ProtocolVersion {
  const version = parseVersion(value);
  if (version === undefined)
    throw new InvalidArgumentError(`expected a KMIP version such as 1.2 or 2.0, not "${value}".`);
  return version;
}

export function aesBits(value: string): number {
  const bits = Number(value);
  if (bits !== 128 && bits !== 192 && bits !== 256) throw new InvalidArgumentError('expected 128, 192 or 256.');
  return bits;
}

export function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new InvalidArgumentError('expected a positive number of seconds.');
  return seconds;
}
