import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Doyensec's electronegativity scans the Electron shell's sources for misconfigurations.
 * Its CLI entry needs an old `commander` it never declared (ours, v14, is hoisted instead), so
 * we call its runner directly. Offline, it first fails to fetch Electron's release list and
 * then scans with the version we give it.
 */
const SCAN = `
const run = require('@doyensec/electronegativity/dist/runner.js');
run({ input: process.argv[1], electronVersionOverride: process.argv[2], customScan: [], excludeFromScan: [], parserPlugins: [], isRelative: true, isVerbose: false })
  .then((r) => process.stdout.write('\\nSCAN ' + JSON.stringify({ errors: r.errors.length, atomicChecks: r.atomicChecks, issues: r.issues.map((i) => ({ id: i.id, severity: i.severity.name, file: i.file, line: i.location.line })) })))
  .catch((e) => { console.error(e.stack); process.exit(1); });
`;

describe('electronegativity scan of src-main', () => {
  it('parses our sources and finds nothing of HIGH severity', () => {
    const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string;
    const run = spawnSync(process.execPath, ['-e', SCAN, resolve('src-main'), electronVersion], {
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('SCAN '));
    const scan = JSON.parse(line?.slice(5) ?? 'null') as {
      errors: number;
      atomicChecks: number;
      issues: { id: string; severity: string; file: string }[];
    };
    expect(scan.errors).toBe(0);
    expect(scan.atomicChecks).toBeGreaterThan(20);
    expect(scan.issues.filter((i) => i.severity === 'HIGH')).toEqual([]);
  });
});
