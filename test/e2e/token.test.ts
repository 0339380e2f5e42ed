import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFitsAt1280, expectNoHorizontalOverflow } from '../helpers/layout';
import { openInChromium } from '../helpers/serve';
import type { CustosInChromium } from '../helpers/serve';
import { softHsm } from '../helpers/softhsm';
import { tempDir } from '../helpers/temp';
import { pickEntry } from '../helpers/pickers';

const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'correct horse battery staple';
// A PIN no page would show by chance, so its absence from the page means something.
const PIN = 'pin-4711-e2e';

let hsm: ReturnType<typeof softHsm>;
let home: ReturnType<typeof tempDir>;
let custos: CustosInChromium;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // SOFTHSM2_CONF is set in this process, and custos serve inherits it.
  hsm = softHsm(['E2E Token'], PIN);
  home = tempDir('custos-e2e-token-');
  custos = await openInChromium(home.path, { viewport: { width: 1360, height: 900 } });
  ({ page } = custos);
});

afterAll(async () => {
  await custos?.close();
  home?.cleanup();
  hsm?.cleanup();
});

/** Every screen and dialog photographed is also checked for sideways overflow, as it is and at 1280x800. */
const shot = async (name: string) => {
  await expectNoHorizontalOverflow(page);
  await expectFitsAt1280(page);
  await page.screenshot({ path: join(ARTIFACTS, `token-${name}.png`) });
};

describe('a PKCS#11 token on the Keystore screen', () => {
  it('adds the SoftHSM2 token and logs in, clearing the PIN field', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByLabel('Master passphrase').fill(PASSPHRASE);
    await page.getByLabel('Repeat it').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('toolbar', { name: 'Keystore actions' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Tokens' }).click();
    const panel = page.getByRole('region', { name: 'Tokens' });
    await panel.getByRole('list', { name: 'Slots' }).getByText('E2E Token').waitFor();
    const add = panel.getByRole('form', { name: 'Add a token' });
    await add.getByLabel('Token to add').selectOption({ label: 'E2E Token (SoftHSM)' });
    await add.getByLabel('Token name').fill('HSM');
    await add.getByRole('button', { name: 'Add token' }).click();
    const row = panel.getByRole('listitem', { name: 'Token HSM' });
    await row.getByText('present').waitFor();
    await row.getByLabel('User PIN of HSM').fill('0000');
    await row.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(/CKR_PIN_INCORRECT/).waitFor();
    expect(await row.getByLabel('User PIN of HSM').inputValue()).toBe('');
    await shot('1-wrong-pin');
    await row.getByLabel('User PIN of HSM').fill(PIN);
    await row.getByRole('button', { name: 'Log in' }).click();
    await row.getByText('logged in').waitFor();
    await page.getByText(/CKR_PIN_INCORRECT/).waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(PIN);
    await shot('2-logged-in');
  });

  it('creates a KEK on the token; the details say where it lives', async () => {
    await page.getByRole('button', { name: 'Create KEK' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a KEK' });
    await dialog.getByLabel('Store').selectOption('HSM');
    await dialog.getByLabel('Key label').fill('Token KEK');
    await dialog.getByLabel('Key size').selectOption('2048');
    await shot('3-create-kek');
    await dialog.getByRole('button', { name: 'Generate key pair' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    const details = page.getByRole('complementary', { name: 'Details of Token KEK' });
    await details.getByText('token HSM (never leaves it)').waitFor();
    await page.getByLabel('Store', { exact: true }).selectOption('token:HSM');
    await page.locator('p.count').getByText('1 entry', { exact: true }).waitFor();
    await shot('4-token-kek');
    const listing = hsm.pkcs11Tool(['--token-label', 'E2E Token', '--login', '--pin', PIN, '--list-objects']);
    expect(listing).toMatch(/label:\s+Token KEK[^]*Access:\s+sensitive, always sensitive, never extractable, local/);
  });

  it('wraps a data key to the token KEK and the token opens it', async () => {
    await page.getByLabel('EEDK').selectOption('wrap');
    const wrap = page.getByRole('dialog', { name: 'Wrap a data key (EEDK)' });
    await pickEntry(wrap, 'First KEK (this site)', 'Token KEK');
    await wrap.getByRole('button', { name: 'Wrap a fresh data key' }).click();
    const written = (await wrap.getByRole('status').textContent()) ?? '';
    const [, path, kcv] = /Wrote (.+\.eedk)\. Data key check value: ([0-9A-F]{6})\./.exec(written) ?? [];
    expect(path && existsSync(path)).toBe(true);
    await wrap.getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('EEDK').selectOption('unwrap');
    const open = page.getByRole('dialog', { name: 'Open an EEDK file' });
    await open.getByLabel('EEDK file').setInputFiles(path ?? '');
    await open.getByRole('button', { name: 'Check' }).click();
    await open
      .getByRole('status')
      .getByText(`Opened with "Token KEK" (encoding H). Data key check value: ${kcv}.`)
      .waitFor();
    await shot('5-unwrapped-on-token');
    await open.getByRole('button', { name: 'Close' }).click();
  });
});
