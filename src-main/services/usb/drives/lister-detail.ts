import type { UsbDriveLister, UsbDriveListerName } from '../../../contract';

/** The sentence the USB screen and `custos station info` show: where the drive list comes from. */
const DETAIL: Record<UsbDriveListerName, string> = {
  'mount-table': 'Drives are read from the mount table (/proc/self/mountinfo), checked every 250 ms.',
  drivelist: "Drives are listed by balena's drivelist (the drive list Etcher uses).",
  diskutil: 'Drives are listed by diskutil (drivelist is not installed on this computer).',
  powershell: 'Drives are listed by PowerShell Get-Volume (drivelist is not installed on this computer).',
  none: 'Custos cannot list drives on this operating system.',
};

export function listerDetail(lister: UsbDriveListerName): UsbDriveLister {
  return { lister, detail: DETAIL[lister] };
}
