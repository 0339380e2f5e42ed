import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFitsAt1280, expectNoHorizontalOverflow } from '../helpers/layout';
import { addEntry } from '../helpers/pickers';
import { pyKmipStation, TEST_CA } from '../helpers/pykmip-station';
import type { PyKmipStation } from '../helpers/pykmip-station';
import { openInChromium } from '../helpers/serve';
import type { CustosInChromium } from '../helpers/serve';
import { tempDir } from '../helpers/temp';
import { eventXml, SEED_CONFIG } from '../unit/devices/fixtures';

const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'correct horse battery staple';
const A = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20';
const B = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21';
const STORE_PASS = 'ekm-store-pass';

const dir = tempDir('custos-e2e-devices-');
const file = (name: string) => join(dir.path, name);
let paired: PyKmipStation;
let custos: CustosInChromium;
let page: Page;

/** Every screen and dialog photographed is also checked for sideways overflow, as it is and at 1280x800. */
const shot = async (name: string) => {
  await expectNoHorizontalOverflow(page);
  await expectFitsAt1280(page);
  await page.screenshot({ path: join(ARTIFACTS, `devices-${name}.png`), fullPage: true });
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The station already trusts the server and has its identity (the exchange wizard's own test covers that walk).
  paired = await pyKmipStation(dir.path, [{ name: 'PyKMIP', folder: 'e2e-devices' }]);
  const { station, home } = paired;
  await station.keystore.createKek({ label: 'SITE_A_KEK', bits: 2048 });
  await station.keystore.createKek({ label: 'SITE_B_KEK', bits: 2048 });
  station.close();
  // The migration's files, as a retiring EKM leaves them (keystore made by keytool).
  for (const alias of [A, B])
    execFileSync(
      'keytool',
      [
        '-genkeypair',
        '-storetype',
        'JCEKS',
        '-keystore',
        file('EKMKeys.jceks'),
        '-storepass',
        STORE_PASS,
        '-keypass',
        STORE_PASS,
        '-alias',
        alias,
        '-keyalg',
        'RSA',
        '-keysize',
        '2048',
        '-dname',
        `CN=${alias}`,
      ],
      { stdio: 'pipe' },
    );
  writeFileSync(
    file('ISKLMConfig.properties'),
    SEED_CONFIG.replace('config.keystore.type=JCECCARACFKS', 'config.keystore.type=JCEKS'),
  );
  writeFileSync(
    file('SKLMData.xml'),
    `<?xml version="1.0"?>\n<KeyUsageEvents>\n${Array.from({ length: 120 }, (_, i) => eventXml(i, A, B)).join('')}</KeyUsageEvents>\n`,
  );

  custos = await openInChromium(home, { viewport: { width: 1360, height: 900 } });
  ({ page } = custos);
  await page.keyboard.press('Alt+4');
  await page.getByLabel('Master passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Create a device group…' }).waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await custos?.close();
  await paired?.stop();
  dir.cleanup();
});

async function createGroup(
  family: string,
  name: string,
  keys: (wizard: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: 'Create a device group…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Create a device group' });
  await wizard.getByRole('radio', { name: new RegExp(`^${family} `) }).check();
  await wizard.getByRole('button', { name: 'Next' }).click();
  return { wizard, keys, name };
}

describe('device groups in Chromium', () => {
  it('creation wizard, LTO: name checked as typed, keys made, registered on PyKMIP and shown as held', async () => {
    const { wizard } = await createGroup('LTO', 'LTO_LIB1', async () => undefined);
    const name = wizard.getByLabel('Group name');
    await name.fill('LTO lib');
    await wizard.getByText('may hold only letters, digits and "_"').waitFor();
    await name.fill('DS8K');
    await wizard.getByText(/is reserved by the key server/).waitFor();
    expect(await wizard.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await name.fill('LTO_LIB1');
    await wizard.getByRole('radio', { name: /^pending/ }).check();
    await shot('1-wizard-name');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Number of keys').fill('3');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Add a device' }).click();
    await wizard.getByLabel('Serial number').fill('000001300042');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByText(/Register the keys on the primary/).waitFor();
    await wizard.getByRole('button', { name: 'Review' }).click();
    await wizard.getByText('3 AES-256 keys, labels from LTO_LIB1_').waitFor();
    await shot('2-wizard-review');
    await wizard.getByRole('button', { name: 'Create the group' }).click();
    await wizard.getByText(/3 keys registered on PyKMIP/).waitFor({ timeout: 60_000 });
    await shot('3-wizard-done');
    await wizard.getByRole('button', { name: 'Close' }).click();
    const detail = page.getByRole('region', { name: 'Device group LTO_LIB1' });
    const keys = detail.getByRole('table', { name: 'Keys of LTO_LIB1' });
    await keys.getByText('LTO_LIB1_000003').waitFor();
    await expect.poll(() => keys.getByText('held').count(), { timeout: 30_000 }).toBe(3);
    await detail.getByRole('table', { name: 'Devices of LTO_LIB1' }).getByText('000001300042').waitFor();
    await shot('4-group-lto');
  });

  it('creation wizard, 3592: two existing KEKs with their encodings, registered on PyKMIP', async () => {
    const { wizard } = await createGroup('3592', 'TS1140_MAIN', async () => undefined);
    await wizard.getByLabel('Group name').fill('TS1140_MAIN');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('alias1').fill('SITE_A_KEK');
    await wizard.getByLabel('alias2').fill('SITE_A_KEK');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByText('alias1 and alias2 must be two different KEKs').waitFor();
    await wizard.getByLabel('alias2').fill('SITE_B_KEK');
    await wizard.getByText('Held by this station.').first().waitFor();
    await shot('5-wizard-3592-keys');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Review' }).click();
    await wizard.getByRole('button', { name: 'Create the group' }).click();
    await wizard.getByText(/2 keys registered on PyKMIP/).waitFor({ timeout: 60_000 });
    await wizard.getByRole('button', { name: 'Close' }).click();
    const keys = page.getByRole('table', { name: 'Keys of TS1140_MAIN' });
    await keys.getByText('alias2 · hash (H)').waitFor();
    await expect.poll(() => keys.getByText('held').count(), { timeout: 30_000 }).toBe(2);
    await shot('6-group-3592');
  });

  it('creation wizard, DS8000: certificates that grant access are found by typing, and taken out again', async () => {
    const { wizard } = await createGroup('DS8000', 'BANK_DISKS', async () => undefined);
    await wizard.getByLabel('Group name').fill('BANK_DISKS');
    await wizard.getByRole('button', { name: 'Next' }).click();
    // A KEK label typed is searched in main: one this station holds is said to be held.
    await wizard.getByRole('button', { name: 'Add a KEK' }).click();
    await wizard.getByLabel('KEK 1').fill('site_b');
    await wizard.getByText('Will be made on this station.').waitFor();
    await wizard.getByLabel('KEK 1').fill('SITE_B_KEK');
    await wizard.getByText('Held by this station.').waitFor();
    await wizard.getByLabel('KEK 1').fill('');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByText('No certificate chosen yet: type part of a label, then pick it.').waitFor();
    await addEntry(wizard, 'Certificates that grant access', TEST_CA);
    const field = wizard.getByRole('combobox', { name: 'Certificates that grant access' });
    await field.click();
    await field.fill('test');
    await wizard.getByRole('option', { name: `${TEST_CA} (trusted-certificate)` }).waitFor();
    await shot('6b-wizard-ds8000-certificates-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('6b-wizard-ds8000-certificates-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Escape closes the list only; the wizard stays.
    await field.press('Escape');
    await wizard.getByRole('button', { name: `Remove ${TEST_CA}` }).click();
    await wizard.getByText('No certificate chosen yet: type part of a label, then pick it.').waitFor();
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    await wizard.waitFor({ state: 'detached' });
  });

  it('migration wizard: config, keytool keystore, metadata, preview with warnings, import', async () => {
    await page.getByRole('button', { name: 'Migrate from EKM…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Migrate from EKM' });
    await wizard.getByLabel('Configuration file').setInputFiles(file('ISKLMConfig.properties'));
    await wizard.getByLabel('New 3592 group name').fill('EKM_Z1');
    await wizard.getByLabel('New devices').selectOption('pending');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Keystore file').setInputFiles(file('EKMKeys.jceks'));
    await wizard.getByLabel('Store password').fill(STORE_PASS);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Metadata file').setInputFiles(file('SKLMData.xml'));
    await wizard.getByRole('button', { name: 'Read the files' }).click();
    await wizard.getByText(/holds the keystore password in clear text/).waitFor({ timeout: 30_000 });
    await shot('7-migration-preview');
    await wizard.getByText(/did not require client authentication/).waitFor();
    await wizard.getByText('120 events, 50 drives').waitFor();
    await wizard.getByRole('button', { name: 'Import' }).click();
    await wizard
      .getByRole('status')
      .getByText(/Imported 2 keystore entries and 120 key-usage events/)
      .waitFor({ timeout: 30_000 });
    await wizard.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('region', { name: 'Device group EKM_Z1' }).waitFor();
    await shot('8-migrated-group');
  });

  it('approves a pending device; the Dashboard counts what is still pending', async () => {
    const pending = page.getByRole('table', { name: 'Pending devices of EKM_Z1' });
    await pending.getByRole('row').nth(1).getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => pending.getByRole('row').count()).toBe(50); // header + 49
    await page.getByRole('table', { name: 'Devices of EKM_Z1' }).getByText('accepted').waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('pending-devices').getByText('49 devices are waiting for approval.').waitFor();
    await shot('9-dashboard-pending');
  });

  it('refuses to destroy a KEK that cartridges still use, saying how many', async () => {
    await page.keyboard.press('Alt+2');
    const table = page.getByRole('table', { name: 'Keystore entries' });
    await table.getByText(A.toLowerCase()).click();
    const details = page.getByRole('complementary', { name: `Details of ${A.toLowerCase()}` });
    await details.getByTestId('used-by').getByText('used by 120 cartridges').waitFor();
    // The jobs panel opened by the creation jobs would cover the pane.
    const closeJobs = page.getByRole('button', { name: 'Close jobs panel' });
    if (await closeJobs.isVisible()) await closeJobs.click();
    await details.getByRole('button', { name: 'Destroy…' }).click();
    const dialog = page.getByRole('dialog', { name: `Destroy "${A.toLowerCase()}"` });
    await dialog.getByText(/120 cartridges still use this key/).waitFor();
    await dialog.getByLabel('Type the label to confirm').fill(A.toLowerCase());
    await dialog.getByRole('button', { name: 'Destroy key material' }).click();
    // Main's refusal shows inside the dialog that asked, not behind its backdrop.
    await dialog
      .getByRole('alert')
      .getByText(/still used by 120 cartridges/)
      .waitFor();
    await shot('10-destroy-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await details.getByText('active').first().waitFor();
  });
});
