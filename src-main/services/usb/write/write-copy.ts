import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { driveIoError } from '../io-errors';
import { readKeyFileOn, sameFileName } from '../keyfile';
import type { KeyFileContent, KeyFileReading } from '../keyfile';
import { eraseKeyFile } from './erase-file';
import { syncFolder } from './folder-sync';
import type { CopyTarget } from './target';
import { fail, CustosError, UsbCode } from '../../../contract';

export type CopyPhase = 'checking' | 'writing' | 'syncing' | 'renaming' | 'verifying';

export interface WriteHooks {
  progress?(phase: CopyPhase, bytesDone: number, bytesTotal: number): void;
  /** Fault injection for tests: runs before each phase (pull the drive before `syncing`). */
  beforePhase?(phase: CopyPhase): Promise<void> | void;
}

export interface WrittenCopy {
  /** As the drive spells it (an existing CUSTOS_X_1.KEY keeps its case). */
  fileName: string;
  /** The drive already held this very key under that name; nothing was written. */
  reused: boolean;
}

const CHUNK = 64 * 1024;

/**
 * Writes one key file so that it is either whole and verified or absent: temp name, fsync,
 * rename, folder fsync, read back through a fresh handle and compare. FAT and exFAT ignore
 * case, so an existing file whose name differs only in case is the same file: reused when it
 * holds this key, refused (never overwritten) when it holds anything else.
 */
export async function writeKeyCopy(
  target: CopyTarget,
  fileName: string,
  bytes: Buffer,
  holdsThisKey: (existing: KeyFileContent) => boolean,
  hooks: WriteHooks = {},
): Promise<WrittenCopy> {
  const step = async (phase: CopyPhase, done: number) => {
    await hooks.beforePhase?.(phase);
    hooks.progress?.(phase, done, bytes.length);
  };
  await step('checking', 0);
  const existing = await existingFile(target, fileName);
  if (existing) {
    const reading = await readKeyFileOn(target.mountPoint, target.label, existing);
    try {
      if (reading.content && holdsThisKey(reading.content)) return { fileName: existing, reused: true };
      throw clash(target, existing, reading);
    } finally {
      reading.content?.key.fill(0);
    }
  }
  await writeVerifiedFile(target, fileName, bytes, hooks);
  return { fileName, reused: false };
}

/**
 * The write path itself, for key files and any other file a custodian carries on a drive (a
 * backup share): temp name, fsync, rename, folder fsync, read back through a fresh handle and
 * compare. Whole and verified, or absent. The caller has checked the name is free.
 */
export async function writeVerifiedFile(
  target: CopyTarget,
  fileName: string,
  bytes: Buffer,
  hooks: WriteHooks = {},
): Promise<void> {
  const step = async (phase: CopyPhase, done: number) => {
    await hooks.beforePhase?.(phase);
    hooks.progress?.(phase, done, bytes.length);
  };
  const temp = join(target.mountPoint, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    await step('writing', 0);
    const handle = await open(temp, 'wx', 0o600);
    created = true;
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, Math.min(CHUNK, bytes.length - written));
        written += bytesWritten;
        hooks.progress?.('writing', written, bytes.length);
      }
      await step('syncing', written);
      await handle.sync();
    } finally {
      await handle.close().catch(() => undefined);
    }
    await step('renaming', bytes.length);
    await rename(temp, join(target.mountPoint, fileName));
    created = false;
    await syncFolder(target.mountPoint);
  } catch (e) {
    if (created) await rm(temp, { force: true }).catch(() => undefined);
    throw driveIoError(e, target.label, `writing ${fileName}`);
  }
  await step('verifying', bytes.length);
  await verify(target, fileName, bytes);
}

export async function existingFile(target: CopyTarget, fileName: string): Promise<string | null> {
  try {
    return (await readdir(target.mountPoint)).find((n) => sameFileName(n, fileName)) ?? null;
  } catch (e) {
    throw driveIoError(e, target.label, 'listing its files');
  }
}

async function verify(target: CopyTarget, fileName: string, bytes: Buffer): Promise<void> {
  let back: Buffer;
  try {
    back = await readFile(join(target.mountPoint, fileName));
  } catch (e) {
    throw driveIoError(e, target.label, `reading back ${fileName}`);
  }
  const same = back.equals(bytes);
  back.fill(0);
  if (same) return;
  await eraseKeyFile(target, fileName).catch(() => undefined);
  fail(
    UsbCode.VerifyFailed,
    `${fileName} on ${target.label} read back different from what was written; the drive may be failing. The bad copy was erased and does not count.`,
  );
}

function clash(target: CopyTarget, existing: string, reading: KeyFileReading) {
  const holds = reading.content
    ? `holds generation ${reading.content.generation} of the key set "${reading.content.keySetName}", not this key`
    : `is not a readable Custos key file (${reading.code ?? 'unknown'})`;
  return new CustosError(
    UsbCode.NameClash,
    `The USB drive ${target.label} already has ${existing}, which ${holds}. Names on USB drives ignore case, so Custos would overwrite it; it did not. Move that file off the drive first.`,
  );
}
