// Timing and statistics shared by the benchmarks (npm run bench). Not a CI test.
import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error('No samples.');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Milliseconds one call takes. */
export async function timed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Milliseconds a peer command takes from spawn to exit, output captured; a non-zero exit is an error. */
export function timedCommand(
  command: string,
  args: string[],
  options: SpawnSyncOptions = {},
): { ms: number; stdout: string; stderr: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { maxBuffer: 256 * 1024 * 1024, ...options, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.error) throw run.error;
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${String(run.stderr).slice(0, 2000)}`);
  return { ms, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/**
 * Runs each contender `rounds` times, alternating who goes first each round, so drift in the
 * machine (page cache, other load, CPU clock) falls on both sides alike. Returns the samples.
 */
export async function sideBySide<K extends string>(
  rounds: number,
  contenders: Record<K, () => Promise<number> | number>,
  progress?: (line: string) => void,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name].push(await contenders[name]());
    progress?.(
      `  round ${round + 1}/${rounds}: ${names.map((n) => `${n} ${formatMs(samples[n][round] ?? 0)}`).join(', ')}`,
    );
  }
  return samples;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** Progress for the person watching; stdout carries only the table. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}
