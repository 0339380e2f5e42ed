import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { pickEntry } from '../helpers/pickers';
import type { PyKmipServer, TestPki } from '../helpers/pykmip';
import { pyKmipStation, TEST_CA } from '../helpers/pykmip-station';
import type { PyKmipStation } from '../helpers/pykmip-station';
import { serveCustos } from '../helpers/serve';
import type { ServedCustos } from '../helpers/serve';
import { tempDir } from '../helpers/temp';

const ARTIFACTS = join('test-artifacts', 'e2e');
const PASSPHRASE = 'correct horse battery staple';
const KEY = 'tape key 1';
let dir: ReturnType<typeof tempDir>;
let paired: PyKmipStation;
let pki: TestPki;
let kms: PyKmipServer;
let served: ServedCustos;
let browser: Browser;
let page: Page;

// PyKMIP's own client, with the station's client certificate (PyKMIP ties objects to it), reads an object's State.
const PEER_STATE = `
import os, sys, tempfile
from kmip.core import enums
from kmip.pie.client import ProxyKmipClient
fd, conf = tempfile.mkstemp(suffix='.conf'); os.close(fd)
c = ProxyKmipClient(hostname='127.0.0.1', port=int(sys.argv[1]), cert=sys.argv[2], key=sys.argv[3], ca=sys.argv[4],
                    config_file=conf, kmip_version=enums.KMIPVersion.KMIP_1_2)
c.open()
try:
    _, attrs = c.get_attributes(sys.argv[5], ['State'])
    print(attrs[0].attribute_value.value.name)
except Exception as e:
    print('ERROR ' + type(e).__name__)
finally:
    c.close()
    os.unlink(conf)
`;

function peerState(id: string): string {
  return execFileSync(
    '/usr/bin/python3',
    ['-c', PEER_STATE, String(kms.port), pki.client.cert, pki.client.key, pki.ca.cert, id],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  ).trim();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir('custos-e2e-kmip-console-');
  paired = await pyKmipStation(dir.path, [{ name: 'KMS primary', folder: 'console-kms' }], { origin: 'test' });
  ({ pki } = paired);
  [kms] = paired.servers as [PyKmipServer];
  const { station, home } = paired;
  station.close();
  served = await serveCustos(home);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.goto(served.url);
  await page.getByTestId('vault-state').getByText('locked').waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByLabel('Master passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('tab', { name: 'KMIP console' }).click();
  await page.getByRole('toolbar', { name: 'KMIP console' }).waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await paired?.stop();
  dir?.cleanup();
});

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `kmip-console-${name}.png`) });
const noHorizontalOverflow = () =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
const status = () => page.getByRole('status').filter({ hasText: /on "KMS primary": now/ });

describe('KMIP console against PyKMIP', () => {
  let id = '';

  it('queries the server and discovers its versions through the pair', async () => {
    await page.getByRole('button', { name: 'Query', exact: true }).click();
    await page
      .getByRole('region', { name: 'Server capabilities' })
      .getByText(/Operations:.*Create/)
      .waitFor();
    await page.getByRole('button', { name: 'Discover versions' }).click();
    await page
      .getByLabel('KMIP versions')
      .getByText(/KMS primary \(primary\)\): .*1\.2/)
      .waitFor();
  });

  it('creates a key behind a dialog that names it; PyKMIP sees it Pre-Active', async () => {
    await page.getByRole('button', { name: 'Create key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a key on the key server' });
    await dialog.getByLabel('Name', { exact: true }).fill(KEY);
    await dialog.getByText('Sent to the primary key server "KMS primary" only').waitFor();
    await shot('1-create-light');
    await dialog.getByRole('button', { name: `Create AES-256 key "${KEY}"` }).click();
    const text = await status().textContent({ timeout: 20_000 });
    id = /Created (\S+) on/.exec(text ?? '')?.[1] ?? '';
    expect(id).not.toBe('');
    expect(peerState(id)).toBe('PRE_ACTIVE');
  });

  it('activates it; locates it by name and reads its attributes and key check value', async () => {
    await page.getByRole('region', { name: 'Object' }).getByRole('button', { name: 'Activate…' }).click();
    const dialog = page.getByRole('dialog', { name: `Activate "${KEY}" (${id})` });
    await dialog.getByRole('button', { name: 'Activate' }).click();
    await status().getByText(`Activated ${id}`).waitFor({ timeout: 20_000 });
    expect(peerState(id)).toBe('ACTIVE');

    await page.getByLabel('Name', { exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Locate' }).click();
    await page.getByRole('region', { name: 'Objects' }).getByRole('button', { name: id }).click();
    const object = page.getByRole('region', { name: 'Object' });
    await object.getByRole('row', { name: /State\s+Active/ }).waitFor();
    await object.getByRole('button', { name: 'Get', exact: true }).click();
    await object.getByRole('row', { name: /Key check value\s+[0-9A-F]{6}/ }).waitFor();
    await object.getByRole('row', { name: /Material\s+32 bytes, SHA-256 [0-9a-f]{16}/ }).waitFor();
    expect(await noHorizontalOverflow()).toBe(true);
    await shot('2-object-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('2-object-dark');
    expect(await noHorizontalOverflow()).toBe(true);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('names a refusal inside the dialog; a wrong confirmation cannot be sent', async () => {
    const object = page.getByRole('region', { name: 'Object' });
    await object.getByRole('button', { name: 'Destroy…' }).click();
    const dialog = page.getByRole('dialog', { name: `Destroy "${KEY}" (${id})` });
    await dialog.getByLabel(/Type the object's name or id/).fill('another key');
    expect(await dialog.getByRole('button', { name: 'Destroy key material' }).isDisabled()).toBe(true);
    // An active key: PyKMIP refuses the destroy, and the dialog says so where it was asked.
    await dialog.getByLabel(/Type the object's name or id/).fill(KEY);
    await dialog.getByRole('button', { name: 'Destroy key material' }).click();
    await dialog.getByRole('alert').waitFor({ timeout: 20_000 });
    await shot('3-refused-light');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(peerState(id)).toBe('ACTIVE');
  });

  it('revokes with a reason and the name typed, then destroys; PyKMIP sees each', async () => {
    const object = page.getByRole('region', { name: 'Object' });
    await object.getByRole('button', { name: 'Revoke…' }).click();
    const revoke = page.getByRole('dialog', { name: `Revoke "${KEY}" (${id})` });
    await revoke.getByLabel('Reason').selectOption('superseded');
    await revoke.getByLabel(/Type the object's name or id/).fill(KEY);
    await shot('4-revoke-light');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await status().getByText(`Revoked ${id}`).waitFor({ timeout: 20_000 });
    expect(peerState(id)).toBe('DEACTIVATED');

    await object.getByRole('button', { name: 'Destroy…' }).click();
    const destroy = page.getByRole('dialog', { name: `Destroy "${KEY}" (${id})` });
    await destroy.getByLabel(/Type the object's name or id/).fill(id);
    await destroy.getByRole('button', { name: 'Destroy key material' }).click();
    await status().getByText(`Destroyed ${id}`).waitFor({ timeout: 20_000 });
    expect(peerState(id)).toMatch(/^(ERROR|DESTROYED)/);
    // The pane lets go of the object rather than reading back what is gone.
    await object.getByText('Choose an object to read its attributes, Get it, or change it.').waitFor();
    expect(await object.getByRole('alert').count()).toBe(0);
    await shot('5-destroyed-light');
  });

  it('registers a certificate picked by typing part of its label; PyKMIP holds it', async () => {
    await page.getByRole('button', { name: 'Register certificate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a certificate on the key server' });
    const picker = dialog.getByRole('combobox', { name: 'Certificate from this station' });
    // The first certificate main lists is put in; nothing typed that matches nothing is picked.
    await expect.poll(() => picker.inputValue()).not.toBe('');
    await picker.click();
    await picker.fill('no such certificate');
    await dialog.getByText('Nothing matches "no such certificate".').waitFor();
    await picker.fill('test');
    await dialog.getByRole('option', { name: `${TEST_CA} (trusted-certificate)` }).waitFor();
    await shot('6-register-picker-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('6-register-picker-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await pickEntry(dialog, 'Certificate from this station', TEST_CA);
    expect(await dialog.getByLabel('Name on the key server').inputValue()).toBe(TEST_CA);
    await dialog.getByRole('button', { name: `Register "${TEST_CA}"` }).click();
    // The status line still says "Destroyed …" until the answer comes.
    await status()
      .getByText(/^Registered /)
      .waitFor({ timeout: 20_000 });
    const text = await status().textContent();
    const registered = /Registered (\S+) on/.exec(text ?? '')?.[1] ?? '';
    expect(registered).not.toBe('');
    expect(peerState(registered)).not.toMatch(/^ERROR/);
  });

  it('sent no key bytes to the window and kept them out of the message log', async () => {
    await page.getByRole('button', { name: 'Message log' }).click();
    const log = page.getByRole('region', { name: 'KMIP message log' });
    await log
      .getByText(/Destroy/)
      .first()
      .waitFor();
    const text = (await log.textContent()) ?? '';
    expect(text).not.toMatch(/<KeyMaterial type="ByteString" value="[0-9a-f]{64}"/i);
  });
});
