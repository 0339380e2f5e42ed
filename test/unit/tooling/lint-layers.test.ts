import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, run on small texts placed in the real tree (so imports
// resolve against the real files), to prove each rule fires and that allowed imports stay quiet.
const root = fileURLToPath(new URL('../../../', import.meta.url));
// no-cycle walks the whole import graph, which is slow and needs real files on both ends.
const eslint = new ESLint({ cwd: root, overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'import-x/no-restricted-paths' || m.ruleId?.endsWith('no-restricted-imports'))
    .map((m) => `${m.line}:${m.ruleId}`);
}

describe('lint holds the layers', { timeout: 60_000 }, () => {
  it('lets a service reach another only through its index, and anything inside its own folder', async () => {
    const code = [
      "import * as a from '../kmip';",
      "import * as b from '../kmip/index';",
      "import * as c from '../kmip/spec/registry';",
      "import * as d from '../../services/kmip/spec/item-types';",
      "import * as e from './log';",
      "import * as f from '../version';",
      "import * as g from '../index';",
      'export const all = [a, b, c, d, e, f, g];',
    ].join('\n');
    expect(await layerErrors('src-main/services/audit/probe.ts', code)).toEqual([
      '3:import-x/no-restricted-paths',
      '4:import-x/no-restricted-paths',
      '7:import-x/no-restricted-paths',
    ]);
  });

  it('keeps services below ipc/, whatever the file inside it', async () => {
    const code =
      "import * as r from '../../ipc/register';\nimport * as h from '../../ipc/handlers';\nexport const x = [r, h];";
    expect(await layerErrors('src-main/services/audit/probe.ts', code)).toEqual([
      '1:import-x/no-restricted-paths',
      '2:import-x/no-restricted-paths',
    ]);
  });

  it('lets only station/ import better-sqlite3', async () => {
    const code = "import Database from 'better-sqlite3';\nexport const D = Database;";
    expect(await layerErrors('src-main/services/keystore/probe.ts', code)).toEqual([
      '1:@typescript-eslint/no-restricted-imports',
    ]);
    expect(await layerErrors('src-main/ipc/probe.ts', code)).toEqual(['1:@typescript-eslint/no-restricted-imports']);
    expect(await layerErrors('src-main/services/station/probe.ts', code)).toEqual([]);
  });

  it("keeps the renderer's store from importing a screen", async () => {
    const code = "import { AuditScreen } from '../screens/audit/AuditScreen';\nexport const s = AuditScreen;";
    expect(await layerErrors('src-renderer/store/probe.ts', code)).toEqual(['1:import-x/no-restricted-paths']);
  });
});
