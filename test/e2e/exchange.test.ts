import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../src-main/services';
import { expectFitsAt1280, expectNoHorizontalOverflow, photographMatrix } from '../helpers/layout';
import { pickEntry } from '../helpers/pickers';
import { startPyKmip, TestPki } from '../helpers/pykmip';
import type { PyKmipServer } from '../helpers/pykmip';
import { openInChromium } from '../helpers/serve';
import type { CustosInChromium } from '../helpers/serve';
import { tempDir } from '../helpers/temp';

const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'correct horse battery staple';
let dir: ReturnType<typeof tempDir>;
let pki: TestPki;
let kmip: PyKmipServer;
let custos: CustosInChromium;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir('custos-e2e-exchange-');
  pki = new TestPki(join(dir.path, 'pki'));
  // PyKMIP sends its whole chain when its certificate file holds it: the custodian then trusts the CA.
  const chainFile = join(dir.path, 'pki', 'server-chain.pem');
  writeFileSync(chainFile, readFileSync(pki.server.cert, 'utf8') + readFileSync(pki.ca.cert, 'utf8'));
  kmip = await startPyKmip(pki, 'e2e', { server: { cert: chainFile, key: pki.server.key } });
  const home = join(dir.path, 'home');
  const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
  await station.vault.create(PASSPHRASE);
  station.close();
  custos = await openInChromium(home, { viewport: { width: 1360, height: 900 } });
  ({ page } = custos);
  await page.getByTestId('vault-state').getByText('locked').waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByLabel('Master passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Add key server…' }).waitFor();
}, 90_000);

afterAll(async () => {
  await custos?.close();
  await kmip?.kill();
  dir?.cleanup();
});

/** Every screen and dialog photographed is also checked for sideways overflow, as it is and at 1280x800. */
const shot = async (name: string) => {
  await expectNoHorizontalOverflow(page);
  await expectFitsAt1280(page);
  await page.screenshot({ path: join(ARTIFACTS, `exchange-${name}.png`) });
};

describe('certificate exchange wizard against PyKMIP', () => {
  it('walks every step to a green Query and saves the server', async () => {
    await shot('0-empty');
    await page.getByRole('button', { name: 'Add key server…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Certificate exchange with a key server' });
    // a. the server
    await wizard.getByLabel('Name', { exact: true }).fill('SKLM primary');
    await wizard.getByLabel('Address (IPv4, IPv6 or host name)').fill('127.0.0.1');
    await wizard.getByLabel('KMIP port').fill(String(kmip.port));
    await expectNoHorizontalOverflow(page);
    await shot('1-server');
    await wizard.getByRole('button', { name: 'Next' }).click();
    // b. its certificate, compared and trusted
    await wizard.getByRole('button', { name: /Retrieve certificate from/ }).click();
    const chain = wizard.getByRole('table', { name: 'Certificate chain' });
    await chain.getByText(pki.fingerprint(pki.ca.cert)).waitFor({ timeout: 20_000 });
    // The decision is in sight without scrolling the step, even at 1280x800.
    await page.setViewportSize({ width: 1280, height: 800 });
    const trustInView = await wizard.getByRole('button', { name: 'Trust this certificate' }).evaluate((button) => {
      const body = button.closest('.wizard-body')?.getBoundingClientRect();
      const r = button.getBoundingClientRect();
      return !!body && r.top >= body.top && r.bottom <= body.bottom + 1 && r.bottom <= window.innerHeight;
    });
    expect(trustInView).toBe(true);
    await photographMatrix(page, ARTIFACTS, 'exchange-2-server-certificate');
    await chain.getByRole('radio').nth(1).check();
    await wizard.getByLabel(/I compared the SHA-256 fingerprint/).check();
    await wizard.getByLabel('Keep it as').fill('Test CA');
    await shot('2-server-certificate');
    await wizard.getByRole('button', { name: 'Trust this certificate' }).click();
    await wizard.getByText('This station trusts "Test CA"').waitFor();
    await wizard.getByRole('button', { name: 'Next' }).click();
    // c. the station certificate, through our CA
    await wizard.getByLabel(/Generate a key pair and a request/).check();
    await wizard.getByLabel('Common name').fill('custos-e2e-station');
    await wizard.getByLabel(/names and addresses/).fill('127.0.0.1');
    await wizard.getByRole('button', { name: 'Generate key pair and CSR' }).click();
    const csr = wizard.getByLabel('Certificate signing request');
    await expect.poll(() => csr.inputValue(), { timeout: 20_000 }).toContain('BEGIN CERTIFICATE REQUEST');
    await expectNoHorizontalOverflow(page);
    await shot('3-station-csr');
    // The request leaves by file or clipboard.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      wizard.getByRole('button', { name: 'Save CSR…' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csr$/);
    expect(readFileSync((await download.path()) ?? '', 'utf8')).toContain('BEGIN CERTIFICATE REQUEST');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await wizard.getByRole('button', { name: 'Copy CSR' }).click();
    await wizard.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('BEGIN CERTIFICATE REQUEST');
    await photographMatrix(page, ARTIFACTS, 'exchange-3-station-csr');
    const csrPath = join(dir.path, 'station.csr');
    writeFileSync(csrPath, await csr.inputValue());
    writeFileSync(
      join(dir.path, 'client.ext'),
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
    );
    const signed = join(dir.path, 'station-signed.pem');
    execFileSync(
      'openssl',
      [
        'x509',
        '-req',
        '-in',
        csrPath,
        '-CA',
        pki.ca.cert,
        '-CAkey',
        pki.ca.key,
        '-set_serial',
        '77',
        '-days',
        '30',
        '-extfile',
        join(dir.path, 'client.ext'),
        '-out',
        signed,
      ],
      { stdio: 'pipe' },
    );
    await wizard.getByLabel('Signed certificate (PEM or DER)').setInputFiles(signed);
    const presents = wizard.getByText(/The station will present/);
    await presents.waitFor();
    // The identity just made is now one the station has: found by typing part of its label.
    const identity = /present "(.*)"\./.exec((await presents.textContent()) ?? '')?.[1] ?? '';
    expect(identity).not.toBe('');
    await wizard.getByLabel('Use an identity this station already has').check();
    const picker = wizard.getByRole('combobox', { name: 'Identity' });
    expect(await picker.inputValue()).toBe(identity);
    await picker.click();
    await picker.fill(identity.slice(0, 4));
    await wizard.getByRole('option', { name: new RegExp(`^${identity} \\(until \\d{4}-\\d{2}-\\d{2}\\)$`) }).waitFor();
    await shot('3b-identity-picker-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('3b-identity-picker-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Typed, the first match leads the list ("None" is offered only before typing): Enter picks it.
    expect(await wizard.getByRole('option').allTextContents()).toEqual([expect.stringMatching(`^${identity} `)]);
    await picker.press('Enter');
    await expect.poll(() => picker.inputValue()).toBe(identity);
    await pickEntry(wizard, 'Identity', identity);
    await wizard.getByText(`The station will present "${identity}".`).waitFor();
    await wizard.getByRole('button', { name: 'Next' }).click();
    // d. hand-over
    await expect.poll(() => wizard.getByLabel('Station certificate (PEM)').inputValue()).toContain('BEGIN CERTIFICATE');
    await expectNoHorizontalOverflow(page);
    await shot('4-hand-over');
    await wizard.getByRole('button', { name: 'Next' }).click();
    // e. test
    await wizard.getByRole('button', { name: 'Run the test' }).click();
    const steps = wizard.getByRole('list', { name: 'Test steps' });
    await steps.getByText('KMIP Query').waitFor({ timeout: 30_000 });
    expect(await steps.locator('.step-failed').count()).toBe(0);
    expect(await steps.locator('.step-ok').count()).toBe(5);
    await expectNoHorizontalOverflow(page);
    await shot('5-test');
    await wizard.getByRole('button', { name: 'Next' }).click();
    // f. summary and save
    await wizard.getByText('passed').waitFor();
    await shot('6-save');
    await wizard.getByRole('button', { name: 'Save key server' }).click();
    await wizard.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Key server SKLM primary' }).waitFor();
    await shot('7-saved');
  });

  it('shows the negotiated KMIP version on the server card right after a test, and IPP as not offered', async () => {
    const card = page.getByRole('region', { name: 'Key server SKLM primary' });
    expect(await card.locator('dd').allTextContents()).toContain('not negotiated yet');
    await card.getByRole('button', { name: 'Test', exact: true }).click();
    await card.getByRole('list', { name: 'Connection test' }).getByText('KMIP Query').waitFor({ timeout: 30_000 });
    await expect.poll(() => card.locator('dd').allTextContents()).not.toContain('not negotiated yet');
    expect((await card.locator('dd').allTextContents()).some((t) => /^\d\.\d$/.test(t))).toBe(true);
    await card.getByRole('button', { name: 'Probe IPP' }).click();
    const ipp = card.getByRole('list', { name: 'IPP ports' });
    await ipp.getByText(/IPP TLS/).waitFor({ timeout: 20_000 });
    // PyKMIP offers no IPP: neutral "not offered", never a red failure.
    expect(await ipp.locator('.state-failed').count()).toBe(0);
    expect(await ipp.getByText('not offered').count()).toBe(2);
    await expectNoHorizontalOverflow(page);
    await photographMatrix(page, ARTIFACTS, 'exchange-7b-server-card');
  });

  it('shows health on the Dashboard with the link picture', async () => {
    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: 'Test key retrieval now' }).click();
    await page.getByRole('table', { name: 'Key server health' }).getByText('serving keys').waitFor({ timeout: 30_000 });
    await page
      .getByText(/Fewer than two key servers/)
      .first()
      .waitFor();
    await expectNoHorizontalOverflow(page);
    await photographMatrix(page, ARTIFACTS, 'exchange-8-dashboard-health');
    await shot('8-dashboard-health');
  });

  it('queries, locates and reads attributes in the KMIP console, and shows the message log', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByRole('tab', { name: 'KMIP console' }).click();
    await page.getByRole('button', { name: 'Query' }).click();
    await page
      .getByRole('region', { name: 'Server capabilities' })
      .getByText(/Locate/)
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Locate' }).click();
    const objects = page.getByRole('region', { name: 'Objects' });
    await objects
      .getByText(/^No object matches|^\d+$/)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Message log' }).click();
    const log = page.getByRole('region', { name: 'KMIP message log' });
    await log
      .getByText(/RequestMessage/)
      .first()
      .waitFor();
    expect(await log.textContent()).not.toMatch(/<KeyMaterial type="ByteString" value="[0-9a-f]{32,}"/i);
    await shot('9-console');
  });
});
