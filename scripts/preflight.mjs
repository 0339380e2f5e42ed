// npm test, step one: are the real peers the tests drive on this machine (scripts/peers.json)?
// Missing ones are named; as root (as CI is) they are installed with apt-get, otherwise the one
// command that installs them is printed and the run stops here rather than in a confusing test.
//   node scripts/preflight.mjs           check, and install as root
//   node scripts/preflight.mjs --list    the Debian packages, one per line (for .ci/run)
// CUSTOS_SKIP_PREFLIGHT=1 skips the check (a machine where only the unit tests will pass anyway).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { aptPackages, commandDirs, describeMissing, installCommand, missingPeers, parsePeers } from './lib/peers.mjs';

const peers = parsePeers(readFileSync(new URL('./peers.json', import.meta.url), 'utf8'));

if (process.argv.includes('--list')) {
  process.stdout.write(aptPackages(peers).join('\n') + '\n');
  process.exit(0);
}
if (process.env.CUSTOS_SKIP_PREFLIGHT) {
  console.log('custos preflight: skipped (CUSTOS_SKIP_PREFLIGHT is set); tests that need a missing peer will fail.');
  process.exit(0);
}

const check = () => missingPeers(peers, commandDirs(process.env.PATH), existsSync);
let missing = check();
if (missing.length === 0) {
  console.log(`custos preflight: all ${peers.length} test peers are here.`);
  process.exit(0);
}

const packages = aptPackages(missing.map(({ peer }) => peer));
console.log(`custos preflight: ${missing.length} test peer(s) missing:`);
for (const line of describeMissing(missing)) console.log(line);

const root = process.getuid?.() === 0;
const apt = commandDirs(process.env.PATH).some((dir) => existsSync(`${dir}/apt-get`));
if (root && apt) {
  console.log(`custos preflight: installing as root: ${installCommand(packages, { root })}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`custos preflight: apt-get ${args[0]} failed (exit ${run.status ?? run.signal}).`);
      process.exit(1);
    }
  }
  missing = check();
  if (missing.length === 0) {
    console.log('custos preflight: installed; all test peers are here.');
    process.exit(0);
  }
  console.error('custos preflight: still missing after apt-get:');
  for (const line of describeMissing(missing)) console.error(line);
  process.exit(1);
}

console.error(
  apt
    ? `custos preflight: install them with:\n  ${installCommand(packages, { root })}`
    : `custos preflight: this machine has no apt-get; on Debian or Ubuntu they come with:\n  ${installCommand(packages, { root: false })}`,
);
process.exit(1);
