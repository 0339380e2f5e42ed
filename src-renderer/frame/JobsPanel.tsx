import type { JobView } from '../../src-main/contract';
import { ProgressBar } from '../components/ProgressBar';
import { isRunning } from '../store/jobs-slice';
import { useApp } from '../store/app-store';

export function JobsPanel() {
  const open = useApp((s) => s.jobsPanelOpen);
  const jobs = useApp((s) => s.jobs);
  const toggle = useApp((s) => s.toggleJobsPanel);
  if (!open) return null;
  return (
    <aside
      id="jobs-panel"
      className="jobs-panel"
      aria-label="Jobs"
      onKeyDown={(e) => e.key === 'Escape' && toggle(false)}
    >
      <header>
        <h2>Jobs</h2>
        <button type="button" className="icon-button" aria-label="Close jobs panel" onClick={() => toggle(false)}>
          ×
        </button>
      </header>
      {jobs.length === 0 ? (
        <p className="muted">No jobs. Long work (self-tests, imports, USB writes, backups) shows its progress here.</p>
      ) : null}
      <ul>
        {[...jobs].reverse().map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </aside>
  );
}

function JobRow({ job }: { job: JobView }) {
  const cancel = useApp((s) => s.cancelJob);
  const dismiss = useApp((s) => s.dismissJob);
  const running = isRunning(job);
  return (
    <li className={`job job-${job.state}`} data-job-id={job.id}>
      <div className="job-title">
        <strong>{job.title}</strong>
        <span className={`pill state-${job.state}`}>{job.state}</span>
      </div>
      {running ? <ProgressBar value={job.progress} label={`${job.title}: ${job.phase}`} /> : null}
      <div className="job-detail muted">{running ? job.phase : job.outcome}</div>
      <div className="job-actions">
        {running && job.cancellable ? (
          <button type="button" disabled={job.state === 'cancelling'} onClick={() => void cancel(job.id)}>
            Cancel
          </button>
        ) : null}
        {!running ? (
          <button type="button" onClick={() => void dismiss(job.id)}>
            Dismiss
          </button>
        ) : null}
      </div>
    </li>
  );
}
