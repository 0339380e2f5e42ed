import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';

/** Copies every key to a registered key server over KMIP, as a job with progress and cancel. */
export function CopyToServerDialog({ onClose }: { onClose: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const servers = useApp((s) => s.servers);
  const jobs = useApp((s) => s.jobs);
  const loadServers = useApp((s) => s.loadServers);
  const [chosen, setServer] = useState<string | null>(null);
  // The backup server is usually the secondary, or a dedicated one.
  const server = chosen ?? servers.find((s) => s.role === 'secondary')?.name ?? servers[0]?.name ?? '';
  useEffect(() => {
    void loadServers();
  }, [loadServers]);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = jobs.find((j) => j.id === jobId);
  const running = job?.state === 'running' || job?.state === 'cancelling';

  const submit = async () => {
    if (jobId && !running) return onClose();
    const r = await attempt(api?.backup.toServer({ server, selection: { all: true } }), notify);
    if (r) setJobId(r.jobId);
  };
  return (
    <Dialog
      title="Copy keys to a backup key server"
      submitLabel={jobId ? 'Close' : 'Copy every key'}
      onClose={() => {
        if (jobId && running) void api?.jobs.cancel({ id: jobId });
        onClose();
      }}
      onSubmit={() => void submit()}
      busy={running}
      disabled={!server}
      cancellable={!jobId || running}
    >
      {!jobId ? (
        <>
          <p className="muted">
            Each key is registered over KMIP under its label, read back and compared. A key the server already holds is
            skipped; another key under the same name is refused, never overwritten.
          </p>
          <label>
            Key server
            <select value={server} onChange={(e) => setServer(e.target.value)}>
              {servers.map((s) => (
                <option key={s.id} value={s.name}>
                  {s.name} ({s.role})
                </option>
              ))}
            </select>
          </label>
        </>
      ) : (
        <div role="status">
          <p>{job?.phase}</p>
          <ProgressBar value={job?.progress ?? null} label="Copy progress" />
          {job && !running ? <p className={job.state === 'succeeded' ? '' : 'field-error'}>{job.outcome}</p> : null}
        </div>
      )}
    </Dialog>
  );
}
