import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isTrustedFrame } from '../../../src-main/app/policy';

/**
 * The Electron shell cannot run here (no binary), so its security settings are checked
 * statically: the policy values themselves, and that the shell's sources use them.
 */
describe('Electron shell policy', () => {
  it('locks the window down', () => {
    const factory = readFileSync(join('src-main', 'app', 'window.ts'), 'utf8');
    for (const flag of [
      'sandbox: true',
      'contextIsolation: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webviewTag: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'experimentalFeatures: false',
      'navigateOnDragDrop: false',
    ]) {
      expect(factory).toContain(`      ${flag},`);
    }
    expect(factory).toContain('loadURL(`${APP_ORIGIN}/index.html`)');
  });

  it('lets only app:// requests through', () => {
    expect(isAllowedRequest('app://custos/index.html')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5696/',
      'file:///etc/passwd',
      'ws://127.0.0.1/',
      'app://custosevil/x',
      'data:text/html,x',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('trusts only the top frame of our own window on app://', () => {
    const ours = { url: 'app://custos/index.html', isMainFrame: true, webContentsId: 7 };
    expect(isTrustedFrame(ours, 7)).toBe(true);
    expect(isTrustedFrame({ ...ours, isMainFrame: false }, 7)).toBe(false);
    expect(isTrustedFrame({ ...ours, webContentsId: 8 }, 7)).toBe(false);
    expect(isTrustedFrame({ ...ours, url: 'https://evil.example/' }, 7)).toBe(false);
    expect(isTrustedFrame(null, 7)).toBe(false);
    expect(isTrustedFrame(ours, null)).toBe(false);
  });

  it('creates windows only in the one factory, with the policy', () => {
    const dir = 'src-main';
    const files = walk(dir).filter((f) => /\.tsx?$/.test(f));
    const creators = files.filter((f) => /new BrowserWindow\(/.test(readFileSync(f, 'utf8')));
    expect(creators).toEqual([join('src-main', 'app', 'window.ts')]);
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all).not.toMatch(
      /nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false|loadFile\(|file:\/\//,
    );
    const lockdown = readFileSync(join(dir, 'app', 'lockdown.ts'), 'utf8');
    for (const guard of [
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'onBeforeRequest',
      "'will-navigate'",
      'setWindowOpenHandler',
      "'will-attach-webview'",
    ]) {
      expect(lockdown).toContain(guard);
    }
    const main = readFileSync(join(dir, 'app', 'main.ts'), 'utf8');
    expect(main).toContain('requestSingleInstanceLock');
  });

  it('exposes nothing from the preload but the contract-built API', () => {
    const preload = readFileSync(join('src-main', 'preload', 'index.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("'custos',\n  buildApi(");
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}
