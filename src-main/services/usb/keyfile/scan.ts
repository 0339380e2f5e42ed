import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isCustosError, CustosError, UsbCode } from '../../../contract';
import { driveIoError } from '../io-errors';
import { isKeyTempFileName, parseKeyFileName } from './file-name';
import { decodeKeyFile, MAX_KEY_FILE_BYTES } from './format';
import type { KeyFileContent } from './format';

/** One key file (or leftover temp file) found in a drive's top folder. */
export interface KeyFileReading {
  /** As the drive spells it. */
  fileName: string;
  /** A temp file of a write that never finished. */
  temp: boolean;
  /** Null when the file did not decode; then code and sentence say why. */
  content: KeyFileContent | null;
  code: string | null;
  sentence: string | null;
}

/** Names in a drive's top folder that look like Custos key files or their temp files. */
export async function keyFileNamesOn(mountPoint: string, driveLabel: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(mountPoint);
  } catch (e) {
    throw driveIoError(e, driveLabel, 'listing its files');
  }
  return names.filter((n) => parseKeyFileName(n) !== null || isKeyTempFileName(n)).sort();
}

/** Reads one file as a key file; never throws for a bad file, only when the drive itself fails. */
export async function readKeyFileOn(mountPoint: string, driveLabel: string, fileName: string): Promise<KeyFileReading> {
  const where = `${fileName} on ${driveLabel}`;
  const temp = isKeyTempFileName(fileName);
  const path = join(mountPoint, fileName);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile())
      return failed(fileName, temp, new CustosError(UsbCode.KeyFileNotCustos, `${where} is not a file.`));
    if (info.size > MAX_KEY_FILE_BYTES)
      return failed(
        fileName,
        temp,
        new CustosError(UsbCode.KeyFileNotCustos, `${where} is too large to be a Custos key file.`),
      );
    bytes = await readFile(path);
  } catch (e) {
    throw driveIoError(e, driveLabel, `reading ${fileName}`);
  }
  try {
    return { fileName, temp, content: decodeKeyFile(bytes, where), code: null, sentence: null };
  } catch (e) {
    if (!isCustosError(e)) throw e;
    return failed(fileName, temp, e);
  } finally {
    bytes.fill(0);
  }
}

/** Every key file on a drive, decoded. The caller wipes the keys (wipeReadings) when done. */
export async function scanKeyFiles(mountPoint: string, driveLabel: string): Promise<KeyFileReading[]> {
  const readings: KeyFileReading[] = [];
  for (const name of await keyFileNamesOn(mountPoint, driveLabel))
    readings.push(await readKeyFileOn(mountPoint, driveLabel, name));
  return readings;
}

export function wipeReadings(readings: KeyFileReading[]): void {
  for (const r of readings) r.content?.key.fill(0);
}

function failed(fileName: string, temp: boolean, e: { code: string; message: string }): KeyFileReading {
  return { fileName, temp, content: null, code: e.code, sentence: e.message };
}
