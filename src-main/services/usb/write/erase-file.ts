import { randomBytes } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { driveIoError } from '../io-errors';
import { syncFolder } from './folder-sync';
import type { CopyTarget } from './target';

export type EraseOutcome = 'erased' | 'absent';

/**
 * Overwrites a key file in place (random bytes, fsync, zeros, fsync), then deletes it. FAT and
 * exFAT rewrite a file's own clusters when written within its length, so the key's bytes are
 * gone from the medium, not only unlinked. Flash wear-levelling may keep old pages inside the
 * stick's controller; no file-level tool can reach those.
 */
export async function eraseKeyFile(target: CopyTarget, fileName: string): Promise<EraseOutcome> {
  const path = join(target.mountPoint, fileName);
  let handle;
  try {
    handle = await open(path, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && (await folderAnswers(target))) return 'absent';
    throw driveIoError(e, target.label, `erasing ${fileName}`);
  }
  try {
    const { size } = await handle.stat();
    for (const fill of [randomBytes(size), Buffer.alloc(size)]) {
      await handle.write(fill, 0, size, 0);
      await handle.sync();
    }
  } catch (e) {
    throw driveIoError(e, target.label, `erasing ${fileName}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
  try {
    await unlink(path);
    await syncFolder(target.mountPoint);
  } catch (e) {
    throw driveIoError(e, target.label, `deleting ${fileName}`);
  }
  return 'erased';
}

async function folderAnswers(target: CopyTarget): Promise<boolean> {
  try {
    await (await open(target.mountPoint, 'r')).close();
    return true;
  } catch {
    return false;
  }
}
