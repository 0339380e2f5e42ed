import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  aptPackages,
  commandDirs,
  describeMissing,
  installCommand,
  missingPeers,
  needMet,
  parsePeers,
} from '../../../scripts/lib/peers.mjs';

const list = JSON.stringify({
  peers: [
    {
      name: 'Chromium',
      for: 'e2e',
      packages: ['chromium', 'fonts-dejavu-core'],
      needs: ['/usr/lib/chromium/chromium|chromium'],
    },
    { name: 'exFAT tools', packages: ['exfatprogs', 'util-linux'], needs: ['mkfs.exfat', 'losetup'] },
    { name: 'USB again', packages: ['util-linux'], needs: ['/usr/sbin/losetup'] },
  ],
});

/** A machine made of a set of existing paths. */
const machine =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('the peers list', () => {
  it('is parsed into names, purposes, packages and needs', () => {
    const peers = parsePeers(list);
    expect(peers.map((p) => p.name)).toEqual(['Chromium', 'exFAT tools', 'USB again']);
    expect(peers[1]?.for).toBe('');
    expect(peers[0]?.packages).toEqual(['chromium', 'fonts-dejavu-core']);
  });

  it('refuses a broken list instead of skipping a peer', () => {
    expect(() => parsePeers('{}')).toThrow(/peers/);
    expect(() => parsePeers(JSON.stringify({ peers: [{ name: 'x', packages: [], needs: ['a'] }] }))).toThrow(
      /x.*packages/,
    );
    expect(() => parsePeers(JSON.stringify({ peers: [{ name: 'x', packages: ['p'], needs: [''] }] }))).toThrow(/needs/);
    expect(() => parsePeers(JSON.stringify({ peers: [{ packages: ['p'], needs: ['n'] }] }))).toThrow(/name/);
    expect(() => parsePeers('not json')).toThrow();
  });

  it('lists each Debian package once, in order', () => {
    expect(aptPackages(parsePeers(list))).toEqual(['chromium', 'fonts-dejavu-core', 'exfatprogs', 'util-linux']);
  });

  it('is the file .ci/run and the preflight both read, and it parses', () => {
    const peers = parsePeers(readFileSync(new URL('../../../scripts/peers.json', import.meta.url), 'utf8'));
    const names = peers.map((p) => p.name);
    for (const expected of ['Chromium', 'keytool', 'PyKMIP', 'exFAT tools', 'gnome-keyring', 'SoftHSM2']) {
      expect(names).toContain(expected);
    }
    expect(aptPackages(peers)).toEqual(
      expect.arrayContaining(['softhsm2', 'opensc', 'poppler-utils', 'libxml2-utils', 'python3-pykmip']),
    );
  });
});

describe('finding what is missing', () => {
  it('looks for commands on PATH and then in the sbin directories', () => {
    const dirs = commandDirs('/usr/bin:/bin:/usr/bin');
    expect(dirs).toEqual(['/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin']);
    expect(commandDirs(undefined)).toEqual(['/usr/local/sbin', '/usr/sbin', '/sbin']);
  });

  it('meets a need by an absolute path, by a command in a directory, or by either alternative', () => {
    const dirs = ['/usr/bin', '/usr/sbin'];
    expect(needMet('/usr/lib/chromium/chromium|chromium', dirs, machine('/usr/bin/chromium'))).toBe(true);
    expect(needMet('/usr/lib/chromium/chromium|chromium', dirs, machine('/usr/lib/chromium/chromium'))).toBe(true);
    expect(needMet('/usr/lib/chromium/chromium|chromium', dirs, machine('/opt/chromium'))).toBe(false);
    expect(needMet('losetup', dirs, machine('/usr/sbin/losetup'))).toBe(true);
    // An absolute need is not looked up on PATH.
    expect(needMet('/usr/lib/softhsm/libsofthsm2.so', dirs, machine('/usr/bin/libsofthsm2.so'))).toBe(false);
  });

  it('names each missing peer with exactly the needs it lacks', () => {
    const peers = parsePeers(list);
    const missing = missingPeers(peers, ['/usr/bin', '/usr/sbin'], machine('/usr/bin/chromium', '/usr/sbin/losetup'));
    expect(missing.map(({ peer, unmet }) => [peer.name, unmet])).toEqual([['exFAT tools', ['mkfs.exfat']]]);
    expect(describeMissing(missing)).toEqual(['  exFAT tools: mkfs.exfat not found; apt: exfatprogs util-linux']);
    expect(missingPeers(peers, ['/usr/bin'], machine()).map(({ peer }) => peer.name)).toEqual([
      'Chromium',
      'exFAT tools',
      'USB again',
    ]);
  });

  it('says what a peer is for when the list says so', () => {
    const [chromium] = parsePeers(list);
    if (!chromium) throw new Error('no peer');
    expect(describeMissing([{ peer: chromium, unmet: ['/usr/lib/chromium/chromium|chromium'] }])[0]).toBe(
      '  Chromium: /usr/lib/chromium/chromium|chromium not found; for e2e; apt: chromium fonts-dejavu-core',
    );
  });
});

describe('the install command', () => {
  it('is one line, apt-get as is for root and through sudo for anyone else', () => {
    expect(installCommand(['chromium', 'opensc'], { root: true })).toBe(
      'apt-get update && apt-get install -y --no-install-recommends chromium opensc',
    );
    expect(installCommand(['chromium'], { root: false })).toBe(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium',
    );
  });
});
