import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, pushNames } from '../../src-main/contract';
import { launchChromium } from '../helpers/chromium';
import { expectNoHorizontalOverflow, photographMatrix } from '../helpers/layout';
import { serveCustos } from '../helpers/serve';
import type { ServedCustos } from '../helpers/serve';
import { tempDir } from '../helpers/temp';

const SCREENS = [
  ['dashboard', 'Dashboard'],
  ['keystore', 'Keystore'],
  ['key-servers', 'Key servers'],
  ['device-groups', 'Device groups'],
  ['usb-keys', 'USB keys'],
  ['backup', 'Backup'],
  ['audit', 'Audit'],
  ['settings', 'Settings'],
] as const;
const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'correct horse battery staple';

let home: ReturnType<typeof tempDir>;
let served: ServedCustos;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  home = tempDir('custos-e2e-');
  served = await serveCustos(home.path);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.goto(served.url);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  home?.cleanup();
});

describe('app frame in Chromium through the browser host', () => {
  it('gives the page no Node and an API with exactly the contract domains', async () => {
    const facts = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
      domains: Object.keys((window as unknown as { custos: object }).custos).sort(),
      frozen: Object.isFrozen((window as unknown as { custos: object }).custos),
      hash: location.hash,
    }));
    const domains = [...new Set([...callNames, ...pushNames].map((n) => n.split('.')[0]))].sort();
    expect(facts).toEqual({
      require: 'undefined',
      process: 'undefined',
      Buffer: 'undefined',
      domains,
      frozen: true,
      hash: '#/dashboard',
    });
  });

  it('shows the station home and vault state in the status bar', async () => {
    await expect.poll(() => page.getByRole('contentinfo', { name: 'Status' }).textContent()).toContain(home.path);
    expect(await page.getByTestId('vault-state').textContent()).toContain('none');
  });

  it.each(SCREENS)('opens the %s screen from the sidebar', async (id, title) => {
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: new RegExp(`^${title}`) })
      .click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(`#/${id}`);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: join(ARTIFACTS, `screen-${id}.png`) });
  });

  it('offers to create the vault on the Dashboard when there is none', async () => {
    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: 'Create the vault' }).click();
    await page.getByRole('heading', { level: 1, name: 'Keystore' }).waitFor();
    await page.getByLabel('Master passphrase').fill(PASSPHRASE);
    await page.getByLabel('Repeat it').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('toolbar', { name: 'Keystore actions' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('button', { name: 'Create the vault' }).count()).toBe(0);
  });

  it('photographs every screen (vault open) in light and dark at 1280x800 and 1920x1080, none overflowing', async () => {
    for (const [id, title] of SCREENS) {
      await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: new RegExp(`^${title}`) })
        .click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await photographMatrix(page, ARTIFACTS, `matrix-${id}`);
    }
  });

  it('is keyboard navigable: Alt+digit opens screens, arrows move through the sidebar', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { level: 1, name: 'Keystore' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keystore');
    await page.getByRole('button', { name: /^Keystore/ }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-screen'))).toBe('key-servers');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Key servers' }).waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  });

  it('runs a job with a progress bar and re-attaches to it after a reload', async () => {
    await page.getByRole('button', { name: 'Run self-test' }).click();
    const panel = page.getByRole('complementary', { name: 'Jobs' });
    await panel.getByText('Station self-test').waitFor();
    await panel.getByRole('progressbar').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'jobs-running.png') });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    // The job kept running in main; the reloaded page finds it in the snapshot.
    await page.getByRole('button', { name: /^Jobs:/ }).click({ trial: true });
    await expect
      .poll(
        async () =>
          (await page.locator('[data-job-id]').count()) > 0 ||
          (await page.getByRole('button', { name: /^Jobs: 1 running/ }).count()) > 0,
      )
      .toBe(true);
    await page
      .getByRole('list', { name: 'Self-test results' })
      .getByText('AES-256-GCM known answer')
      .waitFor({ timeout: 30_000 });
    if ((await panel.count()) === 0) await page.getByRole('button', { name: /^Jobs:/ }).click();
    await panel.locator('.state-succeeded').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'jobs-done.png') });
  });

  it('cancels a running job', async () => {
    await page.getByRole('button', { name: 'Run self-test' }).click();
    const panel = page.getByRole('complementary', { name: 'Jobs' });
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.locator('.state-cancelled').first().waitFor();
    expect(await panel.textContent()).toContain('Cancelled');
  });

  it('follows the OS dark theme', async () => {
    const dark = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    await dark.goto(served.url);
    await dark.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(20, 23, 28)');
    await dark.screenshot({ path: join(ARTIFACTS, 'screen-dashboard-dark.png') });
    await dark.close();
  });

  it('keeps the screen title in place while a long screen scrolls', async () => {
    await page.setViewportSize({ width: 1280, height: 500 });
    await page.keyboard.press('Alt+1');
    const heading = page.getByRole('heading', { level: 1, name: 'Dashboard' });
    await heading.waitFor();
    await page.locator('main .screen').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const box = await heading.boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(80);
    await expectNoHorizontalOverflow(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('tells a page without the launch token to use the printed address', async () => {
    const stray = await browser.newPage();
    await stray.goto(served.url.replace(/#.*/, '#/dashboard'));
    await stray.getByRole('alert').getByText('open the exact address that "custos serve" printed').waitFor();
    expect(await stray.getByRole('contentinfo', { name: 'Status' }).textContent()).toContain('refused');
    await stray.close();
  });

  it('shows "Custos has stopped" when the connection drops, and recovers when it comes back', async () => {
    // The page's sockets are kept where the test can cut them, as a network drop would.
    const cut = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await cut.addInitScript(() => {
      const Native = window.WebSocket;
      const sockets: WebSocket[] = [];
      (window as unknown as { cutSockets: () => void }).cutSockets = () => sockets.forEach((s) => s.close());
      new MutationObserver(() => {
        const seen = document.querySelector('dialog.host-stopped[open]');
        if (seen) (window as unknown as { sawStopped?: string }).sawStopped = seen.textContent ?? '';
      }).observe(document, { childList: true, subtree: true, attributes: true });
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          sockets.push(this);
        }
      };
    });
    await cut.goto(served.url);
    await cut.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect.poll(() => cut.getByRole('contentinfo', { name: 'Status' }).textContent()).toContain('connected');
    await cut.evaluate(() => (window as unknown as { cutSockets: () => void }).cutSockets());
    const stopped = cut.getByRole('alertdialog', { name: 'Custos has stopped' });
    // Seen by an observer in the page: the modal may be up for only half a second before the retry.
    await expect
      .poll(() => cut.evaluate(() => (window as unknown as { sawStopped?: string }).sawStopped))
      .toContain('Custos has stopped');
    // The bridge reconnects to the same host (same launch token): the page is live again.
    await stopped.waitFor({ state: 'detached', timeout: 10_000 });
    await cut.getByRole('button', { name: 'Run self-test' }).click({ trial: true });
    await cut.close();
  });

  // Last: it stops the host.
  it('covers the page with "Custos has stopped" when the host goes away, leaving no live button', async () => {
    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await served.stop();
    const stopped = page.getByRole('alertdialog', { name: 'Custos has stopped' });
    await stopped.waitFor();
    expect(await stopped.textContent()).toContain('restart it (npm start or custos serve) and reload');
    // The page behind is inert: the self-test button cannot be reached by pointer or keyboard.
    const behind = await page.getByRole('button', { name: 'Run self-test', includeHidden: true }).evaluate((button) => {
      const r = button.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return { hitIsButton: hit === button, inert: button.closest('.app')?.matches(':has(dialog[open].host-stopped)') };
    });
    expect(behind.hitIsButton).toBe(false);
    await page.keyboard.press('Escape');
    await stopped.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'host-stopped.png') });
  });
});
