import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium';

export interface ServedCustos {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built `custos serve` on a free port for a station home, as a custodian would. */
export async function serveCustos(home: string, extraArgs: string[] = []): Promise<ServedCustos> {
  if (!existsSync('build/renderer/index.html') || !existsSync('build/main/cli.cjs')) {
    throw new Error('End-to-end tests need the build: run "npm run build" first (npm test does).');
  }
  const child = spawn(process.execPath, ['bin/custos.cjs', '--home', home, 'serve', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`custos serve did not start: ${out}`)), 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`custos serve exited ${code}: ${out}`)));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface CustosInChromium {
  served: ServedCustos;
  browser: Browser;
  /** On the Dashboard. */
  page: Page;
  /** Closes Chromium, then stops the host. */
  close(): Promise<void>;
}

/**
 * How an e2e test starts: the built `custos serve` on the home, Chromium on its URL in a page of
 * the given size (and scheme), the Dashboard shown. What was started is stopped if a step fails.
 */
export async function openInChromium(
  home: string,
  view: Pick<BrowserContextOptions, 'viewport' | 'colorScheme'>,
): Promise<CustosInChromium> {
  const served = await serveCustos(home);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage(view);
    await page.goto(served.url);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const opened = browser;
    return {
      served,
      browser,
      page,
      close: async () => {
        await opened.close();
        await served.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await served.stop();
    throw error;
  }
}
