import { describe, expect, it } from 'vitest';
import { chooseShell, fallbackLine, fetchFailureReason } from '../../../scripts/lib/electron-choice.mjs';
import type { FetchResult } from '../../../scripts/lib/electron-choice.mjs';

/** A fetch that records whether it ran. */
function fetcher(result: FetchResult) {
  const calls: number[] = [];
  return { calls, fetch: () => (calls.push(1), result) };
}

describe('npm start chooses its shell', () => {
  it('runs Electron when the binary is already here, without fetching', () => {
    const f = fetcher({ ok: false, reason: 'unused' });
    const choice = chooseShell({ binary: '/e/electron', skipDownload: false, fetch: f.fetch, locate: () => null });
    expect(choice).toEqual({ kind: 'electron', path: '/e/electron', fetched: false });
    expect(f.calls).toHaveLength(0);
  });

  it('fetches the binary at first start and then runs Electron', () => {
    const f = fetcher({ ok: true });
    const choice = chooseShell({ binary: null, skipDownload: false, fetch: f.fetch, locate: () => '/e/electron' });
    expect(choice).toEqual({ kind: 'electron', path: '/e/electron', fetched: true });
    expect(f.calls).toHaveLength(1);
  });

  it('falls back to the browser host, saying why, when the fetch fails', () => {
    const f = fetcher({ ok: false, reason: 'RequestError: getaddrinfo ENOTFOUND github.com' });
    const choice = chooseShell({ binary: null, skipDownload: false, fetch: f.fetch, locate: () => null });
    expect(choice).toEqual({
      kind: 'browser',
      reason: 'the Electron binary could not be fetched (RequestError: getaddrinfo ENOTFOUND github.com)',
    });
  });

  it('does not try to download when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const f = fetcher({ ok: true });
    const choice = chooseShell({ binary: null, skipDownload: true, fetch: f.fetch, locate: () => '/e/electron' });
    expect(choice.kind).toBe('browser');
    if (choice.kind === 'browser') expect(choice.reason).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(f.calls).toHaveLength(0);
  });

  it('falls back when a fetch reports success but leaves no binary', () => {
    const choice = chooseShell({ binary: null, skipDownload: false, fetch: () => ({ ok: true }), locate: () => null });
    expect(choice.kind).toBe('browser');
  });
});

describe('why a fetch failed, in one line', () => {
  it('takes the error line of the stack electron’s installer prints', () => {
    const stderr = [
      'RequestError: getaddrinfo ENOTFOUND github.com',
      '    at ClientRequest.<anonymous> (/x/node_modules/got/dist/source/core/index.js:970:111)',
      '    at Object.onceWrapper (node:events:634:26)',
      '',
    ].join('\n');
    expect(fetchFailureReason(stderr, 1)).toBe('RequestError: getaddrinfo ENOTFOUND github.com');
  });

  it('skips leading blank lines and shortens a very long message', () => {
    expect(fetchFailureReason('\n\r\nHTTPError: Response code 404 (Not Found)\n', 1)).toBe(
      'HTTPError: Response code 404 (Not Found)',
    );
    const long = fetchFailureReason('x'.repeat(500), 1);
    expect(long).toHaveLength(160);
    expect(long.endsWith('...')).toBe(true);
  });

  it('falls back to the exit status, or says the installer was stopped', () => {
    expect(fetchFailureReason('', 3)).toBe("electron's installer exited with 3");
    expect(fetchFailureReason('   at x\n', null)).toBe('the installer was stopped');
  });

  it('is announced in one line naming the browser host', () => {
    const line = fallbackLine(
      'the Electron binary could not be fetched (RequestError: getaddrinfo ENOTFOUND github.com)',
    );
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^custos: the Electron binary could not be fetched .*custos serve --open/);
  });
});
