import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../src-main/services';
import { launchChromium } from '../helpers/chromium';
import { expectFitsAt1280, expectNoHorizontalOverflow } from '../helpers/layout';
import { serveCustos } from '../helpers/serve';
import type { ServedCustos } from '../helpers/serve';
import { tempDir } from '../helpers/temp';
import { makeDriveRig } from '../helpers/usb-drives';
import type { DriveRig } from '../helpers/usb-drives';

const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'correct horse battery staple';
let dir: ReturnType<typeof tempDir>;
let rig: DriveRig;
let served: ServedCustos;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = tempDir('custos-e2e-usb-');
  // Three sticks: a key set needs at least three verified copies before it can be committed.
  rig = await makeDriveRig(['KEYS1', 'KEYS2', 'KEYS3'], 'custos-e2e-usb-');
  const home = join(dir.path, 'home');
  const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
  await station.vault.create(PASSPHRASE);
  station.close();
  served = await serveCustos(
    home,
    rig.drives.flatMap((d) => ['--allow-mount', d.mountPoint]),
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(served.url);
  await page.getByTestId('vault-state').getByText('locked').waitFor();
  await page.keyboard.press('Alt+5');
  await page.getByLabel('Master passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page
    .getByRole('table', { name: 'Inserted drives' })
    .getByText('KEYS3', { exact: true })
    .waitFor({ timeout: 20_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await rig?.cleanup();
  dir?.cleanup();
});

/** Every screen and dialog photographed is also checked for sideways overflow, as it is and at 1280x800. */
const shot = async (name: string) => {
  await expectNoHorizontalOverflow(page);
  await expectFitsAt1280(page);
  await page.screenshot({ path: join(ARTIFACTS, `usb-${name}.png`) });
};

describe('USB keys in Chromium with mounted exFAT drive images', () => {
  it('lists the sticks, never the system volume, each path once', async () => {
    const table = page.getByRole('table', { name: 'Inserted drives' });
    const mounts = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(mounts.some((m) => m.split('\n').includes('/'))).toBe(false);
    for (const d of rig.drives) expect(mounts.find((m) => m.includes(d.label))?.split(d.mountPoint).length).toBe(2);
    // Which lister answers on this computer: the Linux mount table.
    const lister = page.getByRole('region', { name: 'Drives', exact: true }).getByTestId('drive-lister');
    await lister.getByText(/^Drives are read from the mount table/).waitFor();
    await expectNoHorizontalOverflow(page);
  });

  it('provisions a key set on both drives with progress, then commits', async () => {
    await shot('1-drives');
    await page.getByRole('button', { name: 'Provision a key set…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Provision USB key copies' });
    await wizard.getByLabel('Key set name (the storage system)').fill('TS7770-A');
    await wizard.getByLabel('Serial number').fill('78-12345');
    // A minimum above the target is said beside the minimum, the field just changed.
    await wizard.getByLabel('Minimum copies before commit').fill('5');
    await wizard.getByText('The minimum (5) is above the target (4): lower it, or raise the target.').waitFor();
    await expectNoHorizontalOverflow(page, wizard);
    await shot('2a-min-above-target');
    await wizard.getByLabel('Minimum copies before commit').fill('3');
    await wizard.getByLabel('Target copies').fill('3');
    expect(await wizard.getByText(/is above the target/).count()).toBe(0);
    await shot('2-key-set');
    await wizard.getByRole('button', { name: 'Next' }).click();
    // Nothing chosen yet: no "Write the key to 0 drives", but what is needed.
    expect(await wizard.getByRole('button', { name: /to 0 drives/ }).count()).toBe(0);
    expect(await wizard.getByRole('button', { name: 'Write the key', exact: true }).isDisabled()).toBe(true);
    await wizard
      .getByText('Tick the drives to write (3 verified copies are needed to commit; more can be added later).')
      .waitFor();
    await expectNoHorizontalOverflow(page, wizard);
    await wizard.getByLabel('Use KEYS1').check();
    await wizard.getByLabel('Use KEYS2').check();
    await wizard.getByLabel('Use KEYS3').check();
    await shot('3-drives');
    await wizard.getByRole('button', { name: 'Write the key to 3 drives' }).click();
    await wizard
      .getByRole('status')
      .getByText(/written and verified/)
      .waitFor({ timeout: 30_000 });
    expect(
      await wizard
        .getByRole('status')
        .getByText(/written and verified/)
        .textContent(),
    ).toContain('3 verified, 3 needed to commit (enough to commit).');
    await shot('4-written');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByText(/3 verified copies of generation 1/).waitFor();
    await wizard.getByText(/3 written, 3 needed to commit\./).waitFor();
    await expectNoHorizontalOverflow(page, wizard);
    await shot('5-commit');
    await wizard.getByRole('button', { name: 'Commit' }).click();
    await wizard.waitFor({ state: 'detached' });
    const card = page.getByRole('region', { name: 'Key set TS7770-A' });
    await card.getByText('active', { exact: true }).waitFor();
    await card.getByRole('table', { name: 'Copies and their custody' }).getByText('committed').first().waitFor();
    for (const d of rig.drives) {
      expect(readdirSync(d.mountPoint).some((f) => /^custos_TS7770-A_1\.key$/i.test(f))).toBe(true);
    }
    await shot('6-committed');
  });

  it('validates the inserted drives and records custody', async () => {
    const card = page.getByRole('region', { name: 'Key set TS7770-A' });
    await card.getByRole('button', { name: 'Validate inserted drives' }).click();
    await card.getByText(/3 inserted drives hold the current key/).waitFor();
    await page.getByRole('button', { name: 'Close jobs panel' }).click();
    await card.getByLabel('Where KEYS2 is kept').fill('safe 2, site B');
    await card.getByLabel('Custodian of KEYS2').click();
    await expect.poll(async () => (await openCopies()).some((c) => c.includes('safe 2, site B'))).toBe(true);
    // Enter saves too, and each save says so beside the field.
    const custodian = card.getByLabel('Custodian of KEYS2');
    await custodian.fill('Ann Keeper');
    await custodian.press('Enter');
    const note = page.locator(`[id="${await custodian.getAttribute('aria-describedby')}"]`);
    await expect.poll(() => note.textContent()).toBe('Saved');
    await expectNoHorizontalOverflow(page);
    await shot('6a-custody-saved');
  });

  it('records a copy lost after the drive name is typed, audited', async () => {
    const card = page.getByRole('region', { name: 'Key set TS7770-A' });
    await card.getByRole('button', { name: 'Record the copy on KEYS3 as lost' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the copy on KEYS3 as lost' });
    const record = dialog.getByRole('button', { name: 'Record as lost' });
    expect(await record.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the drive's name/).fill('KEYS2');
    expect(await record.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the drive's name/).fill('KEYS3');
    await expectNoHorizontalOverflow(page, dialog);
    await shot('6b-lost-confirm');
    await record.click();
    await dialog
      .getByRole('status')
      .getByText(/is recorded as lost/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    const copies = card.getByRole('table', { name: 'Copies and their custody' });
    await copies.getByRole('row', { name: /KEYS3/ }).getByText('lost', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: 'Record the copy on KEYS3 as lost' }).count()).toBe(0);
    await page.keyboard.press('Alt+7');
    await page.getByRole('table', { name: 'Audit rows' }).getByText('usb.copy-lost').first().waitFor();
    await page.keyboard.press('Alt+5');
    await page.getByRole('region', { name: 'Key set TS7770-A' }).waitFor();
  });

  it('crypto-erases behind two confirmations and reports what it erased', async () => {
    const card = page.getByRole('region', { name: 'Key set TS7770-A' });
    await card.getByRole('button', { name: 'Crypto-erase…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Crypto-erase TS7770-A' });
    await dialog.getByRole('button', { name: 'I understand, continue' }).click();
    await dialog.getByLabel('Type the key set name to confirm').fill('TS7770-A');
    await expectNoHorizontalOverflow(page, dialog);
    await shot('7-erase-confirm');
    await dialog.getByRole('button', { name: 'Erase every reachable copy' }).click();
    await dialog.getByRole('status').getByText('Erased 3 copies.').waitFor({ timeout: 30_000 });
    for (const d of rig.drives) expect(existsSync(join(d.mountPoint, 'custos_TS7770-A_1.key'))).toBe(false);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('asks for a USB drive when none is inserted', async () => {
    for (const d of rig.drives) await d.eject();
    const drives = page.getByRole('region', { name: 'Drives', exact: true });
    await drives.getByText('Insert a USB drive.').waitFor({ timeout: 20_000 });
    expect(await drives.getByRole('table').count()).toBe(0);
    const copies = page.getByRole('table', { name: 'Copies and their custody' });
    await expect.poll(() => copies.getByText('inserted').count()).toBe(0);
    await expectNoHorizontalOverflow(page);
    await shot('8-no-drives');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('8-no-drives-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    for (const d of rig.drives) await d.replug();
  });
});

async function openCopies(): Promise<string[]> {
  return page
    .getByRole('table', { name: 'Copies and their custody' })
    .locator('input')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}
