// The keystore screen on a station with 100,000 entries (built in seconds, each row bound under
// the vault key: test/helpers/large-keystore.ts): unlock shows the first rows without waiting
// for the rest, End/Home reach the last and first of all 100,000, the search narrows them in
// main, and the screen fits 1280x800 (and 1920x1080, light and dark) without sideways scrolling.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoHorizontalOverflow } from '../helpers/layout';
import { seedLargeKeystore } from '../helpers/large-keystore';
import { openInChromium } from '../helpers/serve';
import type { CustosInChromium } from '../helpers/serve';
import { tempDir } from '../helpers/temp';

const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'one hundred thousand keys';
const ROWS = 100_000;

let home: ReturnType<typeof tempDir>;
let custos: CustosInChromium;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  home = tempDir('custos-e2e-100k-');
  // Every 1,000th entry a partner's public KEK: 94 active ones, more than a picker lists at once.
  await seedLargeKeystore(join(home.path, 'station'), ROWS, PASSPHRASE, { publicKekEvery: 1000 });
  custos = await openInChromium(join(home.path, 'station'), {
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  ({ page } = custos);
}, 300_000);

afterAll(async () => {
  await custos?.close();
  home?.cleanup();
});

const table = () => page.getByRole('table', { name: 'Keystore entries' });
const count = () => page.locator('p.count');
const row = (n: number) => table().locator(`[role="row"][aria-rowindex="${n}"]`);

/** Neither the page nor the screen scrolls sideways. */
async function overflow(): Promise<{ page: number; main: number }> {
  return page.evaluate(() => {
    const main = document.querySelector('main') as HTMLElement;
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      main: main.scrollWidth - main.clientWidth,
    };
  });
}

describe('a keystore of 100,000 entries in Chromium', () => {
  it('shows the first rows right after unlock, and counts all 100,000', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    await page.getByLabel('Master passphrase').fill(PASSPHRASE);
    const started = Date.now();
    await page.getByRole('button', { name: 'Unlock' }).click();
    await row(1).locator('strong').waitFor({ timeout: 30_000 });
    const firstRows = Date.now() - started;
    await expect.poll(() => count().textContent()).toBe('100,000 entries');
    // Only a few pages crossed to the renderer: the table renders a screenful, not 100,000 rows.
    expect(await table().locator('[role="row"][aria-rowindex]').count()).toBeLessThan(80);
    console.log(`unlock to first rows (scrypt 2^15, loaded machine): ${firstRows} ms`);
  });

  it('goes to the last of all entries with End, and back with Home', async () => {
    await row(1).click();
    await page.keyboard.press('End');
    await expect.poll(() => row(ROWS).getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    const last = await row(ROWS).locator('strong').textContent();
    expect(last).toMatch(/^Zurich /); // label order: Zurich is the last site
    await page.getByRole('complementary', { name: `Details of ${last}` }).waitFor();
    await page.keyboard.press('PageUp');
    await expect
      .poll(async () => Number(await table().locator('[aria-selected="true"]').getAttribute('aria-rowindex')))
      .toBeLessThan(ROWS);
    await page.keyboard.press('Home');
    await expect.poll(() => row(1).getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    expect(await row(1).locator('strong').textContent()).toMatch(/^Basel /);
  });

  it('narrows the 100,000 in main as the custodian types', async () => {
    const search = page.getByLabel('Search label or fingerprint');
    await search.fill('zurich tape pool 0');
    await expect.poll(() => count().textContent()).toMatch(/^[\d,]+ of 100,000 entries$/);
    const labels = await table().locator('[role="row"][aria-rowindex] strong').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label.toLowerCase()).toContain('zurich tape pool 0');
    await search.fill('no such key anywhere');
    await expect.poll(() => count().textContent()).toBe('0 of 100,000 entries');
    await table().getByText('No entry matches the filters.').waitFor();
    await search.fill('');
    await expect.poll(() => count().textContent()).toBe('100,000 entries');
  });

  it('narrows a KEK picker as the custodian types, says how many more match, and picks with the keyboard', async () => {
    await page.getByLabel('EEDK').selectOption('wrap');
    const wrap = page.getByRole('dialog', { name: 'Wrap a data key (EEDK)' });
    const field = wrap.getByRole('combobox', { name: 'First KEK (this site)' });
    const list = wrap.getByRole('listbox', { name: 'First KEK (this site)' });
    // The first KEK main lists is picked to begin with, as the drop-down did.
    await expect.poll(() => field.inputValue()).toMatch(/^Zurich /);
    await field.click();
    await expect.poll(() => list.getByRole('option').count()).toBe(50);
    await wrap.getByText('44 more, type to narrow').waitFor();
    await field.pressSequentially('backup');
    await expect.poll(async () => (await list.getByRole('option').allTextContents()).length).toBeLessThan(50);
    const narrowed = await list.getByRole('option').allTextContents();
    expect(narrowed.length).toBeGreaterThan(1);
    for (const label of narrowed) expect(label.toLowerCase()).toContain('backup');
    await expect.poll(() => wrap.getByText(/^\d+ matches$/).count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => list.getByRole('option').nth(1).getAttribute('class')).toBe('active');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(100);
      await expectNoHorizontalOverflow(page, 'dialog[open]');
      await page.screenshot({ path: join(ARTIFACTS, `keystore-100k-kek-picker-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Enter');
    // Picked, the list closed, and the dialog still open (Enter picked; it did not submit).
    await expect.poll(() => field.inputValue()).toBe(narrowed[1]?.replace(' (partner site)', ''));
    expect(await list.count()).toBe(0);
    await field.pressSequentially('no such kek');
    await wrap.getByText('Nothing matches "no such kek".').waitFor();
    await page.keyboard.press('Escape');
    expect(await list.count()).toBe(0);
    await expect.poll(() => field.inputValue()).toBe(narrowed[1]?.replace(' (partner site)', ''));
    await wrap.getByRole('button', { name: 'Cancel' }).click();
    await wrap.waitFor({ state: 'hidden' });
  });

  it('fits 1280x800 and 1920x1080, light and dark: search, toolbar, badges and fingerprints', async () => {
    await page.getByLabel('State').selectOption('compromised');
    await page.getByLabel('Type').selectOption('trusted-certificate');
    await expect.poll(() => count().textContent()).toMatch(/^[\d,]+ of 100,000 entries$/);
    await row(1).click();
    const details = page.getByRole('complementary', { name: /^Details of / });
    await details.getByRole('button', { name: 'Copy SHA-256' }).waitFor();
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(100);
        expect(await overflow(), `${width}x${height} ${scheme}`).toEqual({ page: 0, main: 0 });
        await page.screenshot({ path: join(ARTIFACTS, `keystore-100k-${width}x${height}-${scheme}.png`) });
      }
      // The placeholder is whole: the search box is wider than its text.
      const search = page.getByLabel('Search label or fingerprint');
      const fits = await search.evaluate((input: HTMLInputElement) => {
        const probe = document.createElement('span');
        probe.style.font = getComputedStyle(input).font;
        probe.style.position = 'absolute';
        probe.style.whiteSpace = 'pre';
        probe.textContent = input.placeholder;
        document.body.append(probe);
        const needed = probe.getBoundingClientRect().width;
        probe.remove();
        return input.clientWidth - needed;
      });
      expect(fits, `placeholder at ${width}x${height}`).toBeGreaterThan(0);
      // The filters fill their row: the search grows into what would be empty.
      const filters = await page.getByRole('search', { name: 'Keystore filters' }).boundingBox();
      const lastFilter = await page.getByRole('combobox', { name: 'Store', exact: true }).boundingBox();
      expect(
        (filters?.x ?? 0) + (filters?.width ?? 0) - ((lastFilter?.x ?? 0) + (lastFilter?.width ?? 0)),
      ).toBeLessThan(4);
      // Every state badge inside its cell.
      const spills = await table()
        .locator('[role="row"][aria-rowindex] .pill')
        .evaluateAll(
          (pills) =>
            pills.filter(
              (p) =>
                p.getBoundingClientRect().right > (p.parentElement as HTMLElement).getBoundingClientRect().right + 0.5,
            ).length,
        );
      expect(spills).toBe(0);
      // The fingerprint is whole, in groups, none of them cut.
      const sha = details.locator('.fingerprint').first();
      const shown = (await sha.textContent())?.replace(/\s/g, '') ?? '';
      expect(shown).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const cut = await sha.evaluate((code) => code.scrollWidth > code.clientWidth + 0.5);
      expect(cut).toBe(false);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
