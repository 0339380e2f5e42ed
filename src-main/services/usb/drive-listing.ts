import { isCustosError, CustosError, UsbCode } from '../../contract';
import { judgeDrive } from './drives';
import type { DriveFacts, DriveKeyFile, DrivePolicy, UsbDrive } from './drives';
import { scanKeyFiles, wipeReadings } from './keyfile';
import type { KeyFileReading } from './keyfile';

/** Adds what Custos finds on a drive (its key files) and the verdict on it to what the OS said. */
export async function describeDrive(facts: DriveFacts, policy: DrivePolicy): Promise<UsbDrive> {
  let keys: DriveKeyFile[] = [];
  let reachable = facts.reachable;
  if (reachable) {
    try {
      const readings = await scanKeyFiles(facts.mountPoint, facts.label);
      keys = readings.map(summary);
      wipeReadings(readings);
    } catch {
      reachable = false; // it answered statfs but not readdir: gone since
    }
  }
  const judged = { ...facts, reachable };
  return {
    ...judged,
    id: facts.volumeId || `${facts.device}@${facts.mountPoint}`,
    ...judgeDrive(judged, policy, keys),
    keys,
  };
}

/** A key file as a drive listing shows it: which key set and generation, never the key. */
function summary(r: KeyFileReading): DriveKeyFile {
  const c = r.content;
  return {
    fileName: r.fileName,
    temp: r.temp,
    keySetId: c?.keySetId ?? null,
    keySetName: c?.keySetName ?? null,
    generation: c?.generation ?? null,
    kcv: c?.kcv ?? null,
    code: r.code,
    sentence: r.sentence,
  };
}

/** The OS listing failed as a whole (diskutil or PowerShell missing or stuck). */
export function listingFailed(e: unknown) {
  if (isCustosError(e)) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  return new CustosError(UsbCode.DriveListFailed, `Custos could not list the drives of this computer (${code}).`);
}
