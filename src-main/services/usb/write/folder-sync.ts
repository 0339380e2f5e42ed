import { open } from 'node:fs/promises';

/** Makes a rename durable without blocking the event loop; folders that cannot be synced (Windows, some FUSE) are skipped. */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
