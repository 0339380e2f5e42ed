// The test peers (scripts/peers.json) and what to do about the missing ones. Pure functions with
// the machine passed in, so test/unit can drive them; scripts/preflight.mjs does the I/O.
import { delimiter, isAbsolute, join } from 'node:path';

// Debian keeps mkfs.exfat, losetup and friends in sbin, which a non-root PATH often lacks.
const EXTRA_COMMAND_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Parses and checks peers.json; a broken list must fail loudly, not skip a peer. */
export function parsePeers(text) {
  const data = JSON.parse(text);
  if (!data || !Array.isArray(data.peers)) throw new Error('peers.json: expected { "peers": [...] }');
  return data.peers.map((peer, i) => {
    const where = `peers.json: peer ${i + 1}`;
    if (!peer || typeof peer.name !== 'string' || peer.name === '') throw new Error(`${where}: "name" is missing`);
    for (const key of ['packages', 'needs']) {
      const list = peer[key];
      if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.trim() !== '')) {
        throw new Error(`${where} (${peer.name}): "${key}" must be a non-empty list of strings`);
      }
    }
    return {
      name: peer.name,
      for: typeof peer.for === 'string' ? peer.for : '',
      packages: [...peer.packages],
      needs: [...peer.needs],
    };
  });
}

/** Every Debian package of the list, once, in list order (what .ci/run installs). */
export function aptPackages(peers) {
  return [...new Set(peers.flatMap((peer) => peer.packages))];
}

/** Where a command name is looked for: PATH, then the sbin directories. */
export function commandDirs(pathValue) {
  const dirs = (pathValue ?? '').split(delimiter).filter((d) => d !== '');
  return [...new Set([...dirs, ...EXTRA_COMMAND_DIRS])];
}

/**
 * Whether one need is met: `a|b` is met by either; an absolute path must exist; a bare name must
 * be a file in one of `dirs`. `exists` is injected so tests need no real files.
 */
export function needMet(need, dirs, exists) {
  return need
    .split('|')
    .map((alternative) => alternative.trim())
    .some((alternative) =>
      isAbsolute(alternative) ? exists(alternative) : dirs.some((dir) => exists(join(dir, alternative))),
    );
}

/** The peers with at least one unmet need, each with the needs it lacks. */
export function missingPeers(peers, dirs, exists) {
  return peers
    .map((peer) => ({ peer, unmet: peer.needs.filter((need) => !needMet(need, dirs, exists)) }))
    .filter(({ unmet }) => unmet.length > 0);
}

/** The one command that installs `packages`: as is for root, through sudo for anyone else. */
export function installCommand(packages, { root }) {
  const sudo = root ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** One line per missing peer: its name, what lacks, what it is for and the packages that bring it. */
export function describeMissing(missing) {
  return missing.map(
    ({ peer, unmet }) =>
      `  ${peer.name}: ${unmet.join(', ')} not found${peer.for ? `; for ${peer.for}` : ''}; apt: ${peer.packages.join(' ')}`,
  );
}
