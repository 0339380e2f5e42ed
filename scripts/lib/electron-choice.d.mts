// Types for electron-choice.mjs, so the unit tests (strict TypeScript) can import it.
export type FetchResult = { ok: true } | { ok: false; reason: string };
export type ShellChoice = { kind: 'electron'; path: string; fetched: boolean } | { kind: 'browser'; reason: string };

export function chooseShell(machine: {
  binary: string | null;
  skipDownload: boolean;
  fetch: () => FetchResult;
  locate: () => string | null;
}): ShellChoice;
export function fetchFailureReason(output: string, status: number | null): string;
export function fallbackLine(reason: string): string;
