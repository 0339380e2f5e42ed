import type { SelfTestCheck } from '../../contract';
import type { JobContext } from '../jobs';
import { selfTestSteps } from './checks';

/** Runs every station check in order, reporting progress; stops between checks when cancelled. */
export async function runSelfTest(home: string, ctx: JobContext): Promise<SelfTestCheck[]> {
  const results: SelfTestCheck[] = [];
  for (const [i, step] of selfTestSteps.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress(i / selfTestSteps.length, step.name);
    results.push(await step.run(home, ctx.signal));
  }
  ctx.progress(1, 'Done');
  return results;
}

export function summarizeSelfTest(results: SelfTestCheck[]): string {
  const failed = results.filter((r) => !r.passed);
  return failed.length === 0
    ? `All ${results.length} station checks passed.`
    : `${failed.length} of ${results.length} station checks failed: ${failed.map((f) => f.name).join('; ')}.`;
}
