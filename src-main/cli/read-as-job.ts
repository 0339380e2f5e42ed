import type { ImportPreview } from '../contract';
import type { OpenStation } from '../services';
import type { ImportRequest } from '../services/keystore';
import type { CliContext } from './context';
import { processIo } from './io';

/**
 * `keystore import` reads the file as a job, as the window does: progress on stderr when it is
 * a terminal, and Ctrl-C cancels the read (the reading threads stop; nothing was added).
 */
export async function readAsJob(ctx: CliContext, s: OpenStation, request: ImportRequest): Promise<ImportPreview> {
  const { jobId } = s.imports.startPreview(request);
  const showProgress = ctx.io === processIo && process.stderr.isTTY === true && !ctx.json;
  const onInterrupt = () => {
    try {
      s.jobs.cancel(jobId);
    } catch {
      // Already ended: the result (or its error) is on its way.
    }
  };
  const stopWatching = s.jobs.onChanged((job) => {
    if (job.id !== jobId || !showProgress || job.state !== 'running') return;
    const percent = job.progress === null ? '' : ` ${Math.round(job.progress * 100)}%`;
    ctx.io.stderr(`\r\x1b[2Kcustos: ${job.phase}${percent}`);
  });
  process.on('SIGINT', onInterrupt);
  try {
    return await s.imports.previewOf(jobId);
  } finally {
    process.off('SIGINT', onInterrupt);
    stopWatching();
    if (showProgress) ctx.io.stderr('\r\x1b[2K');
  }
}
