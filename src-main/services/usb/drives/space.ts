import { statfs } from 'node:fs/promises';

const STATFS_TIMEOUT_MS = 2000;

/** Size and free space of a mount; null when it does not answer within a couple of seconds (a hung or dead drive). */
export async function spaceOf(mountPoint: string): Promise<{ size: number; free: number } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), STATFS_TIMEOUT_MS);
  });
  const query = statfs(mountPoint).then(
    (s) => ({ size: s.blocks * s.bsize, free: s.bavail * s.bsize }),
    () => null,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
