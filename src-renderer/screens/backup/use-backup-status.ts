import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../../src-main/contract';
import { useApp } from '../../store/app-store';

/** The backup status from main, reloaded whenever a backup job ends. */
export function useBackupStatus(): { status: BackupStatus | null; reload: () => Promise<void> } {
  const api = useApp((s) => s.api);
  const vault = useApp((s) => s.snapshot?.vault);
  const jobs = useApp((s) => s.jobs);
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const finished = jobs.filter((j) => j.kind.startsWith('backup.') && j.state !== 'running').length;
  const reload = useCallback(async () => {
    const r = await api?.backup.status({});
    if (r?.ok) setStatus(r.value);
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload, finished, vault]);
  return { status, reload };
}
