import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Debian's Chromium, with the flags that keep it quiet and local on an offline station (PEERS.md). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = [process.env.CUSTOS_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(
    (p): p is string => !!p && existsSync(p),
  );
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install -y chromium');
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ...extraArgs,
    ],
  });
}
