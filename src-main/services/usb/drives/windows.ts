import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { VolumeNames } from './drivelist';
import type { DriveFacts } from './model';

const run = promisify(execFile);
const POWERSHELL_TIMEOUT_MS = 20_000;

/**
 * One PowerShell run: every volume with a drive letter (Get-Volume), its partition's disk
 * (Get-Partition, Get-Disk) and the system drive. Enums are cast to their names.
 */
export const WINDOWS_DRIVES_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$vols = @(Get-Volume | Where-Object { $_.DriveLetter } | ForEach-Object {',
  '  $p = Get-Partition -DriveLetter $_.DriveLetter -ErrorAction SilentlyContinue',
  '  $d = if ($p) { Get-Disk -Number $p.DiskNumber -ErrorAction SilentlyContinue } else { $null }',
  '  [pscustomobject]@{ DriveLetter = [string]$_.DriveLetter; FileSystemLabel = $_.FileSystemLabel; FileSystem = $_.FileSystem;',
  '    DriveType = [string]$_.DriveType; Size = $_.Size; SizeRemaining = $_.SizeRemaining; UniqueId = $_.UniqueId;',
  '    HealthStatus = [string]$_.HealthStatus; DiskNumber = if ($p) { $p.DiskNumber } else { $null };',
  '    BusType = if ($d) { [string]$d.BusType } else { $null }; IsReadOnly = if ($d) { $d.IsReadOnly } else { $null };',
  '    IsSystem = if ($d) { $d.IsSystem } else { $null }; IsBoot = if ($d) { $d.IsBoot } else { $null } } })',
  '[pscustomobject]@{ SystemDrive = $env:SystemDrive; Volumes = $vols } | ConvertTo-Json -Depth 4 -Compress',
].join('\n');

/**
 * Names only, for the drivelist listing: the volume's UniqueId and label (what the full script
 * records, so copies keep matching) and its filesystem; drivelist gives the flags.
 */
export const WINDOWS_NAMES_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$vols = @(Get-Volume | Where-Object { $_.DriveLetter } | ForEach-Object {',
  '  [pscustomobject]@{ DriveLetter = [string]$_.DriveLetter; FileSystemLabel = $_.FileSystemLabel;',
  '    FileSystem = $_.FileSystem; UniqueId = $_.UniqueId } })',
  '[pscustomobject]@{ SystemDrive = $env:SystemDrive; Volumes = $vols } | ConvertTo-Json -Depth 4 -Compress',
].join('\n');

/** MSFT_Volume.DriveType and MSFT_Disk.BusType numbers, for output that kept them numeric. */
const DRIVE_TYPES: Record<number, string> = {
  0: 'Unknown',
  1: 'Invalid Root Path',
  2: 'Removable',
  3: 'Fixed',
  4: 'Remote',
  5: 'CD-ROM',
  6: 'RAM Disk',
};
const BUS_TYPES: Record<number, string> = {
  7: 'USB',
  12: 'SD',
  13: 'MMC',
  11: 'SATA',
  17: 'NVMe',
  8: 'RAID',
  10: 'SAS',
  6: 'Fibre Channel',
  3: 'ATA',
  1: 'SCSI',
};
const REMOVABLE_BUSES = new Set(['USB', 'SD', 'MMC']);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Facts from the script's JSON. ConvertTo-Json prints one volume as an object, several as an array. */
export function windowsDriveFacts(json: string, home: string): DriveFacts[] {
  const doc = JSON.parse(json) as Json;
  if (!isObject(doc)) throw new SyntaxError('expected an object');
  const systemDrive = str(doc.SystemDrive).toUpperCase() || 'C:';
  const raw = doc.Volumes;
  const volumes = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
  return volumes.filter(isObject).flatMap((v) => {
    const letter = str(v.DriveLetter).toUpperCase();
    if (!/^[A-Z]$/.test(letter)) return [];
    const driveType = named(v.DriveType, DRIVE_TYPES);
    if (driveType === 'CD-ROM' || driveType === 'Remote') return [];
    const busType = named(v.BusType, BUS_TYPES);
    const root = `${letter}:\\`;
    return [
      {
        device: str(v.UniqueId) || root,
        mountPoint: root,
        label: str(v.FileSystemLabel) || `${letter}:`,
        volumeId: str(v.UniqueId),
        filesystem: str(v.FileSystem) || 'unknown',
        sizeBytes: num(v.Size),
        freeBytes: num(v.SizeRemaining),
        removable: driveType === 'Removable' || REMOVABLE_BUSES.has(busType),
        readOnly: v.IsReadOnly === true,
        system:
          v.IsSystem === true ||
          v.IsBoot === true ||
          `${letter}:` === systemDrive ||
          home.toUpperCase().startsWith(root),
        reachable: true,
      },
    ];
  });
}

/** Windows: one PowerShell run (Get-Volume, Get-Partition, Get-Disk). */
export async function listWindowsDrives(home: string): Promise<DriveFacts[]> {
  return windowsDriveFacts((await powershell(WINDOWS_DRIVES_SCRIPT)) || '{}', home);
}

/** Serial, filesystem and label by drive root (E:\\), from one names-only PowerShell run. */
export async function windowsVolumeNames(mountPoints: string[]): Promise<VolumeNames> {
  const facts = windowsDriveFacts((await powershell(WINDOWS_NAMES_SCRIPT)) || '{}', '');
  const byRoot = new Map(facts.map((f) => [f.mountPoint, f]));
  const names: VolumeNames = new Map();
  for (const m of mountPoints) {
    const f = byRoot.get(m.toUpperCase());
    if (f) names.set(m, { volumeId: f.volumeId, filesystem: f.filesystem, label: f.label });
  }
  return names;
}

async function powershell(script: string): Promise<string> {
  const { stdout } = await run(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script],
    { timeout: POWERSHELL_TIMEOUT_MS, windowsHide: true },
  );
  return stdout.trim();
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function num(v: Json | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function named(v: Json | undefined, names: Record<number, string>): string {
  return typeof v === 'number' ? (names[v] ?? String(v)) : str(v);
}
