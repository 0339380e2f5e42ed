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
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
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
  it('provisions a key set on both drives with progress, then commits', async () => {
    await shot('1-drives');
    await page.getByRole('button', { name: 'Provision a key set…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Provision USB key copies' });
    await wizard.getByLabel('Key set name (the storage system)').fill('TS7770-A');
    await wizard.getByLabel('Serial number').fill('78-12345');
    await wizard.getByLabel('Target copies').fill('3');
    await shot('2-key-set');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Use KEYS1').check();
    await wizard.getByLabel('Use KEYS2').check();
    await wizard.getByLabel('Use KEYS3').check();
    await shot('3-drives');
    await wizard.getByRole('button', { name: 'Write the key to 3 drives' }).click();
    await wizard.getByRole('status').waitFor({ timeout: 30_000 });
    await shot('4-written');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByText(/3 verified copies of generation 1/).waitFor();
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
  });

  it('crypto-erases behind two confirmations and reports what it erased', async () => {
    const card = page.getByRole('region', { name: 'Key set TS7770-A' });
    await card.getByRole('button', { name: 'Crypto-erase…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Crypto-erase TS7770-A' });
    await dialog.getByRole('button', { name: 'I understand, continue' }).click();
    await dialog.getByLabel('Type the key set name to confirm').fill('TS7770-A');
    await shot('7-erase-confirm');
    await dialog.getByRole('button', { name: 'Erase every reachable copy' }).click();
    await dialog.getByRole('status').getByText('Erased 3 copies.').waitFor({ timeout: 30_000 });
    for (const d of rig.drives) expect(existsSync(join(d.mountPoint, 'custos_TS7770-A_1.key'))).toBe(false);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});

async function openCopies(): Promise<string[]> {
  return page
    .getByRole('table', { name: 'Copies and their custody' })
    .locator('input')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}
