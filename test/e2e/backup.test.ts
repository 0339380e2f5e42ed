import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../src-main/services';
import { launchChromium } from '../helpers/chromium';
import { expectFitsAt1280, expectNoHorizontalOverflow } from '../helpers/layout';
import { addEntry } from '../helpers/pickers';
import { startPyKmip, TestPki } from '../helpers/pykmip';
import type { PyKmipServer } from '../helpers/pykmip';
import { serveCustos } from '../helpers/serve';
import type { ServedCustos } from '../helpers/serve';
import { tempDir } from '../helpers/temp';
import { makeDriveRig } from '../helpers/usb-drives';
import type { DriveRig } from '../helpers/usb-drives';

const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'correct horse battery staple';
const BACKUP_PASS = 'the backup passphrase of this site';
let dir: ReturnType<typeof tempDir>;
let home: string;
let pki: TestPki;
let kms: PyKmipServer;
let served: ServedCustos;
let browser: Browser;
let page: Page;
let rig: DriveRig;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir('custos-e2e-backup-');
  home = join(dir.path, 'home');
  pki = new TestPki(join(dir.path, 'pki'));
  kms = await startPyKmip(pki, 'backup-kms');
  const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
  await station.vault.create(PASSPHRASE);
  const ks = station.keystore;
  ks.add({
    label: 'Station identity',
    type: 'client-identity',
    origin: 'test',
    secret: createPrivateKey(readFileSync(pki.client.key)).export({ type: 'pkcs8', format: 'der' }),
    certificateDer: new X509Certificate(readFileSync(pki.client.cert)).raw,
  });
  ks.add({
    label: 'Test CA',
    type: 'trusted-certificate',
    origin: 'test',
    certificateDer: new X509Certificate(readFileSync(pki.ca.cert)).raw,
  });
  station.servers.registry.add({
    name: 'Backup KMS',
    address: '127.0.0.1',
    kmipPort: kms.port,
    role: 'secondary',
    identityLabel: 'Station identity',
    trustLabel: 'Test CA',
  });
  await ks.createKek({ label: 'SITE-A KEK', bits: 2048 });
  await ks.createSecretKey({ label: 'DISK KEY 1' });
  await ks.createSecretKey({ label: 'DISK KEY 2' });
  station.close();
  process.env.CUSTOS_TEST_BACKUP_KDF_LOGN = '12';
  // Three sticks for the custodians' shares (exFAT images, admitted like the USB screen's e2e drives).
  rig = await makeDriveRig(['ANN', 'BO', 'CY'], 'custos-e2e-backup-');
  served = await serveCustos(
    home,
    rig.drives.flatMap((d) => ['--allow-mount', d.mountPoint]),
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(served.url);
  await page.getByTestId('vault-state').getByText('locked').waitFor();
  await page.keyboard.press('Alt+2');
  await page.getByLabel('Master passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('toolbar', { name: 'Keystore actions' }).waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await kms?.kill();
  await rig?.cleanup();
  dir?.cleanup();
});

/** Every screen and dialog photographed is also checked for sideways overflow, as it is and at 1280x800. */
const shot = async (name: string) => {
  await expectNoHorizontalOverflow(page);
  await expectFitsAt1280(page);
  await page.screenshot({ path: join(ARTIFACTS, `backup-${name}.png`) });
};

describe('Backup in Chromium', () => {
  it('warns on the Dashboard about keys that exist nowhere else', async () => {
    await page.keyboard.press('Alt+1');
    await page
      .getByRole('region', { name: 'Backup' })
      .getByText(/exist nowhere else/)
      .waitFor();
    await shot('0-dashboard');
  });

  it('backs up every key with a passphrase and 2-of-3 custodian shares, written and verified', async () => {
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { level: 1, name: 'Backup' }).waitFor();
    await page.getByRole('list', { name: 'Keys not yet backed up' }).getByText('DISK KEY 1').waitFor();
    await shot('1-screen');
    await page.getByRole('button', { name: 'Back up keys…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Back up keys' });
    await shot('2-what');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASS);
    await wizard.getByLabel('Repeat it').fill(BACKUP_PASS);
    await wizard.getByLabel('Protect with custodian shares (M of N)').check();
    await wizard.getByLabel('Holder of share 1').fill('Ann');
    await wizard.getByLabel('Holder of share 2').fill('Bo');
    await wizard.getByLabel('Holder of share 3').fill('Cy');
    await shot('3-protection');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel("This station's backups folder", { exact: false }).waitFor();
    await shot('3b-where');
    await wizard.getByRole('button', { name: 'Write and verify' }).click();
    await wizard
      .getByText(/Wrote and verified custos-backup-.*: 4 keys, passphrase \+ shares 2 of 3/)
      .waitFor({ timeout: 60_000 });
    await shot('4-written');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard
      .getByRole('list', { name: 'Custodian shares' })
      .getByText(/Share 3 — Cy/)
      .waitFor();
    await shot('5-shares');
    // The window never shows a share: only the files main wrote hold one.
    expect(await wizard.textContent()).not.toMatch(/CS1-[A-Z2-7]{5}/);
    await wizard.getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('list', { name: 'Backup archives' })
      .getByText(/4 keys, passphrase \+ shares 2 of 3, verified/)
      .waitFor();
    await page.getByText('Every key is in an archive or on a backup key server.').waitFor();
    await shot('6-history');
  }, 90_000);

  it("restores a destroyed key from two custodians' shares, one at a time, after a preview", async () => {
    const destroyed = await page.evaluate(async () => {
      const api = (window as unknown as { custos: { keystore: { destroy(i: object): Promise<{ ok: boolean }> } } })
        .custos;
      return (await api.keystore.destroy({ label: 'DISK KEY 2', confirm: 'DISK KEY 2' })).ok;
    });
    expect(destroyed).toBe(true);
    const folder = join(home, 'backups');
    const shareDir = readdirSync(folder).find((f) => f.endsWith('-shares')) ?? '';
    const shares = readdirSync(join(folder, shareDir))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => readFileSync(join(folder, shareDir, f), 'utf8'));
    await page
      .getByRole('list', { name: 'Backup archives' })
      .getByRole('button', { name: 'Verify or restore…' })
      .click();
    const wizard = page.getByRole('dialog', { name: 'Restore from a backup archive' });
    await wizard
      .getByRole('definition')
      .getByText(/2 of 3 custodian shares/)
      .waitFor();
    await shot('7-archive');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Custodian shares').check();
    const line = (text: string) => /CS1-[A-Z2-7-]+/.exec(text)?.[0] ?? '';
    await wizard.getByLabel('Share', { exact: true }).fill(line(shares[2] ?? ''));
    await wizard.getByRole('button', { name: 'Give this share' }).click();
    await wizard.getByText('1 of 2 given: Cy (3 of 3)').waitFor();
    await wizard.getByLabel('Share', { exact: true }).fill(line(shares[2] ?? ''));
    await wizard.getByRole('button', { name: 'Give this share' }).click();
    await wizard
      .getByRole('alert')
      .getByText(/already given/)
      .waitFor();
    await shot('8-share-twice');
    await wizard.getByLabel('Share', { exact: true }).fill(line(shares[0] ?? ''));
    await wizard.getByRole('button', { name: 'Give this share' }).click();
    await wizard.getByText(/2 of 2 given/).waitFor();
    await shot('9-shares-given');
    await wizard.getByRole('button', { name: 'Preview' }).click();
    await wizard
      .getByRole('table', { name: 'Restore preview' })
      .getByText(/label taken; would be "DISK KEY 2 \(2\)"/)
      .waitFor();
    await wizard.getByLabel('Labels taken here by other keys').selectOption('rename');
    await shot('10-preview');
    await wizard.getByRole('button', { name: 'Restore 1 entry' }).click();
    await wizard.getByRole('list', { name: 'Restored entries' }).getByText('DISK KEY 2 as "DISK KEY 2 (2)"').waitFor();
    await shot('11-restored');
    await wizard.getByRole('button', { name: 'Done' }).click();
  }, 90_000);

  it('copies every key to the PyKMIP backup key server', async () => {
    await page.getByRole('button', { name: 'Copy to a backup key server…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy keys to a backup key server' });
    await dialog
      .getByRole('combobox', { name: 'Key server' })
      .getByText('Backup KMS (secondary)')
      .waitFor({ state: 'attached' });
    await shot('12-to-server');
    await dialog.getByRole('button', { name: 'Copy every key' }).click();
    await dialog.getByText(/3 copied, 0 already there, 0 problems on Backup KMS/).waitFor({ timeout: 60_000 });
    await shot('13-copied');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page
      .getByRole('table', { name: 'Backup status per key' })
      .getByText(/Backup KMS/)
      .first()
      .waitFor();
    await shot('14-status');
  }, 90_000);

  it('backs up to three USB drives, one share each, written and verified, custody shown on the USB screen', async () => {
    await page.keyboard.press('Alt+6');
    await page.getByRole('button', { name: 'Back up keys…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Back up keys' });
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Protect with a backup passphrase').uncheck();
    await wizard.getByLabel('Protect with custodian shares (M of N)').check();
    await wizard.getByLabel('Holder of share 1').fill('Ann');
    await wizard.getByLabel('Holder of share 2').fill('Bo');
    await wizard.getByLabel('Holder of share 3').fill('Cy');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('USB drives, one per share', { exact: false }).check();
    const optionOf = async (i: number, label: string) => {
      const select = wizard.getByLabel(`Drive for share ${i}`, { exact: false });
      const value = await select
        .locator('option')
        .filter({ hasText: new RegExp(`^${label} — `) })
        .getAttribute('value');
      await select.selectOption(value ?? '');
    };
    await optionOf(1, 'ANN');
    await optionOf(2, 'ANN');
    await wizard
      .getByRole('alert')
      .getByText(/ANN is chosen for share 1 and share 2/)
      .waitFor();
    expect(await wizard.getByRole('button', { name: 'Write and verify' }).isDisabled()).toBe(true);
    await shot('15-drives-twice');
    await optionOf(2, 'BO');
    await optionOf(3, 'CY');
    await shot('16-drives');
    await wizard.getByRole('button', { name: 'Write and verify' }).click();
    await wizard.getByText(/Wrote and verified custos-backup-.*: 4 keys, shares 2 of 3/).waitFor({ timeout: 60_000 });
    await shot('17-drives-written');
    await wizard.getByRole('button', { name: 'Next' }).click();
    const list = wizard.getByRole('list', { name: 'Custodian shares' });
    await list.getByText(/Share 2 — Bo: USB drive BO/).waitFor();
    await shot('18-drives-shares');
    expect(await wizard.textContent()).not.toMatch(/CS1-[A-Z2-7]{5}/);
    await wizard.getByRole('button', { name: 'Done' }).click();
    for (const [label, holder] of [
      ['ANN', 'ann'],
      ['BO', 'bo'],
      ['CY', 'cy'],
    ] as const) {
      const mount = rig.drives.find((d) => d.label === label)?.mountPoint ?? '';
      const names = readdirSync(mount);
      expect(names.some((n) => new RegExp(`-share-\\d-of-3-${holder}\\.txt$`).test(n))).toBe(true);
      expect(names.some((n) => n.endsWith('.pdf'))).toBe(true);
    }
    await page.keyboard.press('Alt+5');
    const table = page.getByRole('table', { name: 'Backup shares on drives' });
    await table.getByText('CY', { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Close jobs panel' }).click();
    await table.scrollIntoViewIfNeeded();
    await shot('19-usb-screen');
  }, 90_000);

  it('backs up chosen keys, each found by typing part of its label', async () => {
    await page.keyboard.press('Alt+6');
    await page.getByRole('button', { name: 'Back up keys…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Back up keys' });
    await wizard.getByLabel('Chosen keys').check();
    await wizard.getByText('No key chosen yet: type part of a label, then pick it.').waitFor();
    // DISK KEY 2 was destroyed above (nothing left to back up) and restored as "DISK KEY 2 (2)".
    await addEntry(wizard, 'Keys to back up', 'DISK KEY 2 (2)');
    await addEntry(wizard, 'Keys to back up', 'SITE-A KEK');
    await addEntry(wizard, 'Keys to back up', 'DISK KEY 1');
    // Picked again from the list, a chosen key is taken out; Remove does the same.
    const chosen = wizard.getByRole('list', { name: 'Keys to back up: chosen' });
    await wizard.getByRole('button', { name: 'Remove DISK KEY 1' }).click();
    await chosen.getByText('DISK KEY 1', { exact: true }).waitFor({ state: 'detached' });
    const field = wizard.getByRole('combobox', { name: 'Keys to back up' });
    await field.click();
    await field.fill('key');
    await wizard.getByRole('option', { name: 'DISK KEY 1 (secret-key)' }).waitFor();
    expect(
      await wizard.getByRole('option', { name: 'DISK KEY 2 (2) (secret-key)' }).getAttribute('aria-selected'),
    ).toBe('true');
    await expect
      .poll(() => wizard.getByRole('option').allTextContents())
      .toEqual(['DISK KEY 1 (secret-key)', 'DISK KEY 2 (2) (secret-key)']);
    await shot('20-chosen-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('20-chosen-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await field.press('Escape');
    expect(await chosen.getByRole('listitem').allTextContents()).toEqual(['DISK KEY 2 (2)Remove', 'SITE-A KEKRemove']);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASS);
    await wizard.getByLabel('Repeat it').fill(BACKUP_PASS);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Write and verify' }).click();
    await wizard.getByText(/Wrote and verified custos-backup-.*: 2 keys, passphrase\b/).waitFor({ timeout: 60_000 });
    await shot('21-chosen-written');
  }, 90_000);
});
