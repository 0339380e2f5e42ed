import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, JobCode, ok } from '../../../../src-main/contract';
import { isRunning } from '../../../../src-renderer/store/jobs-slice';
import { freshAppStore } from '../app-store';
import { fakeCustos } from '../fake-custos';
import { job } from '../fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('jobs slice', () => {
  it('opens the panel after a reload only when a job is still running in main', async () => {
    const store = await freshAppStore();
    store.getState().replaceJobs([job('job-1', { state: 'succeeded', endedAt: '2026-01-01T00:01:00.000Z' })]);
    expect(store.getState().jobsPanelOpen).toBe(false);
    store.getState().replaceJobs([job('job-1'), job('job-2', { state: 'failed' })]);
    expect(store.getState().jobsPanelOpen).toBe(true);
    expect(store.getState().jobs.map((j) => j.id)).toEqual(['job-1', 'job-2']);
  });

  it('adds a new job at the end (opening the panel) and replaces a known one in place', async () => {
    const store = await freshAppStore();
    store.getState().upsertJob(job('job-1'));
    store.getState().toggleJobsPanel(false);
    store.getState().upsertJob(job('job-2'));
    expect(store.getState().jobsPanelOpen).toBe(true);
    store.getState().toggleJobsPanel(false);
    store.getState().upsertJob(job('job-1', { state: 'succeeded', progress: 1, outcome: '3 copies verified.' }));
    expect(store.getState().jobs.map((j) => [j.id, j.state])).toEqual([
      ['job-1', 'succeeded'],
      ['job-2', 'running'],
    ]);
    // An update is no reason to pop the panel open again.
    expect(store.getState().jobsPanelOpen).toBe(false);
  });

  it('asks main to cancel, and shows its sentence when main refuses', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'jobs.cancel': () => failure(JobCode.NotCancellable, 'This job can no longer be cancelled.'),
    });
    store.setState({ api: main.api });
    await store.getState().cancelJob('job-1');
    expect(main.sent).toEqual([{ name: 'jobs.cancel', input: { id: 'job-1' } }]);
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'This job can no longer be cancelled.' });
  });

  it('dismisses a finished job only once main has forgotten it', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({ 'jobs.dismiss': () => ok({}) });
    store.setState({ api: main.api });
    store.getState().replaceJobs([job('job-1', { state: 'succeeded' }), job('job-2')]);
    await store.getState().dismissJob('job-1');
    expect(store.getState().jobs.map((j) => j.id)).toEqual(['job-2']);

    main.answer('jobs.dismiss', () => failure(JobCode.Running, 'The job is still running.'));
    await store.getState().dismissJob('job-2');
    expect(store.getState().jobs.map((j) => j.id)).toEqual(['job-2']);
    expect(store.getState().notice?.text).toBe('The job is still running.');
  });

  it('toggles the panel, or sets it', async () => {
    const store = await freshAppStore();
    store.getState().toggleJobsPanel();
    expect(store.getState().jobsPanelOpen).toBe(true);
    store.getState().toggleJobsPanel();
    expect(store.getState().jobsPanelOpen).toBe(false);
    store.getState().toggleJobsPanel(true);
    expect(store.getState().jobsPanelOpen).toBe(true);
  });

  it('counts running and cancelling as running', () => {
    expect(isRunning(job('job-1'))).toBe(true);
    expect(isRunning(job('job-1', { state: 'cancelling' }))).toBe(true);
    expect(isRunning(job('job-1', { state: 'cancelled' }))).toBe(false);
  });
});
