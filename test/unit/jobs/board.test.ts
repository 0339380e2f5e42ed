import { describe, expect, it } from 'vitest';
import { CustosError, UsbCode } from '../../../src-main/contract';
import type { JobView } from '../../../src-main/contract';
import { JobBoard } from '../../../src-main/services/jobs';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('job board', () => {
  it('reports progress and ends with the outcome', async () => {
    const board = new JobBoard();
    const seen: JobView[] = [];
    board.onChanged((j) => seen.push(j));
    const { id, done } = board.start({
      kind: 'test',
      title: 'Counting',
      cancellable: true,
      run: async (ctx) => {
        ctx.progress(0.5, 'Half way');
        return 'Counted to ten.';
      },
    });
    const end = await done;
    expect(end).toMatchObject({ id, state: 'succeeded', progress: 1, outcome: 'Counted to ten.', errorCode: null });
    expect(seen[0]?.state).toBe('running');
    expect(board.list()).toHaveLength(1);
  });

  it('fails with the domain code and sentence, and hides unexpected errors', async () => {
    const board = new JobBoard();
    const failed = await board.start({
      kind: 't',
      title: 'A',
      cancellable: false,
      run: () => Promise.reject(new CustosError(UsbCode.DriveFull, 'The drive KEYS2 is full.')),
    }).done;
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'USB_DRIVE_FULL', outcome: 'The drive KEYS2 is full.' });
    const internal = await board.start({
      kind: 't',
      title: 'B',
      cancellable: false,
      run: () => Promise.reject(new Error('secret passphrase hunter2')),
    }).done;
    expect(internal.errorCode).toBe('INTERNAL');
    expect(internal.outcome).not.toContain('hunter2');
  });

  it('cancels a cancellable job at its next safe point', async () => {
    const board = new JobBoard();
    const { id, done } = board.start({
      kind: 't',
      title: 'Slow',
      cancellable: true,
      run: async (ctx) => {
        for (;;) {
          ctx.signal.throwIfAborted();
          await tick(5);
        }
      },
    });
    await tick(10);
    expect(board.cancel(id).state).toBe('cancelling');
    expect((await done).state).toBe('cancelled');
    expect(() => board.cancel(id)).toThrowError(expect.objectContaining({ code: 'JOB_FINISHED' }));
    board.dismiss(id);
    expect(board.list()).toHaveLength(0);
  });

  it('refuses to cancel work that is not safe to stop, or to dismiss a running job', async () => {
    const board = new JobBoard();
    let finish = () => {};
    const { id, done } = board.start({
      kind: 't',
      title: 'Commit',
      cancellable: false,
      run: () => new Promise<string>((r) => (finish = () => r('ok'))),
    });
    expect(() => board.cancel(id)).toThrowError(expect.objectContaining({ code: 'JOB_NOT_CANCELLABLE' }));
    expect(() => board.dismiss(id)).toThrowError(expect.objectContaining({ code: 'JOB_RUNNING' }));
    expect(() => board.cancel('job-nope')).toThrowError(expect.objectContaining({ code: 'JOB_UNKNOWN' }));
    await tick();
    finish();
    expect((await done).state).toBe('succeeded');
  });

  it('throttles progress events but never loses the last one', async () => {
    const board = new JobBoard();
    const seen: JobView[] = [];
    board.onChanged((j) => seen.push(j));
    await board.start({
      kind: 't',
      title: 'Many',
      cancellable: true,
      run: async (ctx) => {
        for (let i = 0; i < 1000; i++) ctx.progress(i / 1000);
        return 'done';
      },
    }).done;
    expect(seen.length).toBeLessThan(10);
    expect(seen.at(-1)?.state).toBe('succeeded');
  });
});
