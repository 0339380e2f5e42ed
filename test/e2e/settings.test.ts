import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInChromium } from '../helpers/serve';
import type { CustosInChromium, ServedCustos } from '../helpers/serve';
import { tempDir } from '../helpers/temp';

const ARTIFACTS = join('test-artifacts', 'e2e');
const FIRST = 'correct horse battery staple';
const SECOND = 'a second, longer master passphrase';

let home: ReturnType<typeof tempDir>;
let custos: CustosInChromium;
let served: ServedCustos;
let browser: Browser;
let page: Page;

const helpDialog = () => page.getByRole('dialog', { name: /^Help/ });
const currentEntry = () => helpDialog().locator('.glossary-entry[aria-current="true"]').getAttribute('data-term');
const noHorizontalOverflow = () =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);

async function openScreen(title: string) {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: new RegExp(`^${title}`) })
    .click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Escape in a search field first clears the field; the Close button always closes. */
async function closeHelp(how: 'escape' | 'button' = 'button') {
  if (how === 'escape') await page.keyboard.press('Escape');
  else await helpDialog().getByRole('button', { name: 'Close help' }).click();
  await helpDialog().waitFor({ state: 'detached' });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  home = tempDir('custos-e2e-settings-');
  custos = await openInChromium(home.path, { viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  ({ page, browser, served } = custos);
  await openScreen('Keystore');
  await page.getByLabel('Master passphrase').fill(FIRST);
  await page.getByLabel('Repeat it').fill(FIRST);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('toolbar', { name: 'Keystore actions' }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await custos?.close();
  home?.cleanup();
});

describe('help in the custodian words', () => {
  it('opens the glossary with F1 and with ?, and closes it with Escape', async () => {
    await page.getByRole('heading', { level: 1, name: 'Keystore' }).focus();
    await page.keyboard.press('F1');
    await helpDialog().waitFor();
    expect(await helpDialog().locator('.glossary-entry').count()).toBeGreaterThanOrEqual(10);
    // Straight into the search: typing filters at once.
    await page.keyboard.type('shamir');
    await expect.poll(() => helpDialog().locator('.glossary-entry').count()).toBe(1);
    await helpDialog().getByRole('searchbox').fill('');
    await closeHelp('escape');
    await page.keyboard.press('Shift+Slash');
    await helpDialog().waitFor();
    await closeHelp('escape');
  });

  it('does not open on ? typed into a field', async () => {
    const filter = page.getByRole('search', { name: 'Keystore filters' }).getByRole('searchbox');
    await filter.fill('');
    await filter.press('Shift+Slash');
    expect(await filter.inputValue()).toBe('?');
    expect(await helpDialog().count()).toBe(0);
    await filter.fill('');
  });

  it('opens at the KEK entry from the ? next to KEK, and searches', async () => {
    await page.locator('[data-term-help="kek"]').first().click();
    await helpDialog().waitFor();
    await expect.poll(currentEntry).toBe('kek');
    expect(await helpDialog().locator('[data-term="kek"]').textContent()).toContain('Where you meet it in Custos');
    await page.screenshot({ path: join(ARTIFACTS, 'help-kek-light-1280.png') });
    await helpDialog().getByRole('searchbox').fill('5696');
    expect(await helpDialog().locator('.glossary-entry').getAttribute('data-term')).toBe('kmip');
    await helpDialog().getByRole('searchbox').fill('no such word anywhere');
    await helpDialog()
      .getByText(/No entry matches/)
      .waitFor();
    await closeHelp();
  });

  it('opens at the right entry from other screens: device groups, key servers', async () => {
    await openScreen('Device groups');
    await page.locator('[data-term-help="device-group"]').click();
    await expect.poll(currentEntry).toBe('device-group');
    await closeHelp();
    await openScreen('Key servers');
    await page.locator('[data-term-help="kmip"]').first().click();
    await expect.poll(currentEntry).toBe('kmip');
    await closeHelp();
  });
});

describe('settings screen', () => {
  it('is in the navigation, keyboard reachable with Alt+8', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/settings');
    expect(await noHorizontalOverflow()).toBe(true);
  });

  it('shows the vault own code when the new passphrase is the current one', async () => {
    await page.getByRole('button', { name: 'Change passphrase…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the master passphrase' });
    await dialog.getByLabel('Current passphrase').fill(FIRST);
    await dialog.getByLabel('New passphrase', { exact: true }).fill(FIRST);
    await dialog.getByLabel('Repeat the new passphrase').fill(FIRST);
    await dialog.getByRole('button', { name: 'Change passphrase' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/^PASSPHRASE_UNCHANGED: /)
      .waitFor({ timeout: 30_000 });
    // The refused current passphrase is not kept in the form.
    expect(await dialog.getByLabel('Current passphrase').inputValue()).toBe('');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-passphrase-unchanged.png') });
  });

  it('changes the passphrase; after a lock only the new one unlocks', async () => {
    const dialog = page.getByRole('dialog', { name: 'Change the master passphrase' });
    await dialog.getByLabel('Current passphrase').fill(FIRST);
    await dialog.getByLabel('New passphrase', { exact: true }).fill(SECOND);
    await dialog.getByLabel('Repeat the new passphrase').fill(SECOND);
    await dialog.getByRole('button', { name: 'Change passphrase' }).click();
    await dialog.getByRole('status').getByText('The master passphrase was changed.', { exact: false }).waitFor({
      timeout: 30_000,
    });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('vault-state').getByRole('button', { name: 'unlocked' }).click();
    await page.getByTestId('vault-state').getByRole('button', { name: 'locked' }).waitFor();
    await openScreen('Keystore');
    await page.getByLabel('Master passphrase').fill(FIRST);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText("That passphrase does not open this station's vault.").waitFor({ timeout: 30_000 });
    await page.getByLabel('Master passphrase').fill(SECOND);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('toolbar', { name: 'Keystore actions' }).waitFor({ timeout: 30_000 });
  });

  it('sets the auto-lock and the key servers test interval; both survive a reload', async () => {
    await openScreen('Settings');
    await page.getByLabel('Auto-lock').fill('5');
    await page.getByLabel('Auto-lock').press('Enter');
    await expect
      .poll(() => page.getByRole('region', { name: 'Vault' }).getByRole('button', { name: 'Save' }).isDisabled())
      .toBe(true);
    await page.getByLabel('Test key retrieval every').fill('1441');
    expect(
      await page.getByRole('region', { name: 'Key servers' }).getByRole('button', { name: 'Save' }).isDisabled(),
    ).toBe(true);
    await page.getByLabel('Test key retrieval every').fill('30');
    await page.getByRole('region', { name: 'Key servers' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('checkbox', { name: 'KMIP message log' }).uncheck();
    await expect.poll(() => page.getByRole('checkbox', { name: 'KMIP message log' }).isChecked()).toBe(false);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect.poll(() => page.getByLabel('Auto-lock').inputValue()).toBe('5');
    await expect.poll(() => page.getByLabel('Test key retrieval every').inputValue()).toBe('30');
    expect(await page.getByRole('checkbox', { name: 'KMIP message log' }).isChecked()).toBe(false);
  });

  it('says plainly when there is no OS keychain for remember on this computer', async () => {
    const remember = page.getByRole('checkbox', { name: 'Remember on this computer' });
    const vault = await page.evaluate(async () => {
      const api = (window as unknown as { custos: { vault: { status(i: object): Promise<unknown> } } }).custos;
      return api.vault.status({});
    });
    const reason = (vault as { value: { keychainUnavailable: string | null } }).value.keychainUnavailable;
    if (reason) {
      expect(await remember.isDisabled()).toBe(true);
      await page.getByText(`Not available here: ${reason}`).waitFor();
    } else {
      expect(await remember.isDisabled()).toBe(false);
    }
  });

  it('switches the theme to dark at once, and it survives a reload over a light OS', async () => {
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await expect.poll(background).toBe('rgb(20, 23, 28)');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(20, 23, 28)');
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
  });

  it('every change wrote an audit row, and none holds a passphrase', async () => {
    const rows = await page.evaluate(async () => {
      const api = (window as unknown as { custos: { audit: { list(i: object): Promise<unknown> } } }).custos;
      return JSON.stringify(await api.audit.list({}));
    });
    for (const action of ['vault.change-passphrase', 'vault.auto-lock-setting', 'settings.set'])
      expect(rows).toContain(action);
    expect(rows).toContain('system -> dark');
    expect(rows).toContain('off -> every 30 min');
    expect(rows).not.toContain(FIRST);
    expect(rows).not.toContain(SECOND);
  });

  it.each([
    ['light', 1280, 800],
    ['light', 1920, 1080],
    ['dark', 1280, 800],
    ['dark', 1920, 1080],
  ] as const)('fits Settings and Help in %s at %ix%i without horizontal overflow', async (theme, width, height) => {
    await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    await page.setViewportSize({ width, height });
    expect(await noHorizontalOverflow()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, `settings-${theme}-${width}.png`) });
    await page.keyboard.press('F1');
    await helpDialog().waitFor();
    expect(await noHorizontalOverflow()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, `help-${theme}-${width}.png`) });
    await closeHelp();
  });

  it('a chosen light theme overrides a dark OS; "same as this computer" follows it again', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const darkOs = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    try {
      await darkOs.goto(served.url);
      await darkOs.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const background = () => darkOs.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await expect.poll(background).toBe('rgb(247, 248, 250)');
      await page.getByRole('radio', { name: 'Same as this computer' }).check();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? 'none')).toBe('none');
      await darkOs.reload();
      await darkOs.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await expect.poll(background).toBe('rgb(20, 23, 28)');
    } finally {
      await darkOs.close();
    }
  });
});
