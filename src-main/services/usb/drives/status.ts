import type { DriveFacts, DriveKeyFile, DrivePolicy, DriveStatus } from './model';

export interface DriveVerdict {
  status: DriveStatus;
  blocked: boolean;
  reason: string;
}

/** Judges one drive: system, read-only, too small and not-removable (unless allowed) are blocked. */
export function judgeDrive(facts: DriveFacts, policy: DrivePolicy, keys: readonly DriveKeyFile[] = []): DriveVerdict {
  const name = facts.label;
  if (!facts.reachable)
    return blocked('unreachable', `${name} does not answer: it was probably pulled without being ejected.`);
  if (facts.system)
    return blocked('system', `${name} holds the operating system or the station home; Custos never writes keys there.`);
  if (facts.readOnly) return blocked('read-only', `${name} is read-only (write-protect switch or read-only mount).`);
  if (facts.freeBytes !== null && facts.freeBytes < policy.minFreeBytes) {
    return blocked('too-small', `${name} has less than ${Math.round(policy.minFreeBytes / 1024)} KiB free.`);
  }
  if (facts.removable !== true && !isAllowed(facts.mountPoint, policy)) {
    return blocked(
      'not-removable',
      `${name} is not a removable drive; admit it explicitly (--allow-mount ${facts.mountPoint}) if it really is a key drive.`,
    );
  }
  const good = keys.filter((k) => k.keySetId !== null && !k.temp);
  if (good.length > 0) {
    const held = good.map((k) => `${k.keySetName ?? 'unknown'} generation ${k.generation ?? '?'}`).join(', ');
    return { status: 'holds-key', blocked: false, reason: `${name} holds Custos keys: ${held}.` };
  }
  return { status: 'ok', blocked: false, reason: `${name} can take a key.` };
}

export function isAllowed(mountPoint: string, policy: DrivePolicy): boolean {
  return policy.allowMounts.includes(mountPoint);
}

function blocked(status: DriveStatus, reason: string): DriveVerdict {
  return { status, blocked: true, reason };
}
