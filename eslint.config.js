// Lint rules that hold the architecture in place (DESIGN.md):
//   the renderer imports only src-main/contract; the contract imports only zod;
//   only src-main/app and src-main/preload may import electron; nothing imports app/;
//   services reach each other only through their index and sit below ipc/, host/, cli/;
//   better-sqlite3 only in services/station; the renderer's store never imports a screen;
//   no import cycles anywhere in src-main/ or src-renderer/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const here = import.meta.dirname;
const servicesDir = join(here, 'src-main/services');
// Read from disk so a new service is covered the day it is created, with no edit here.
const services = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const serviceIndexes = services.map((name) => `./${name}/index.ts`);

// The zones are checked on resolved file paths, not on the text of the import, so `../kmip`,
// `../kmip/index` and `../../services/kmip/pool` are judged by where they land.
const layerZones = [
  ...services.map((name) => ({
    target: `./src-main/services/${name}`,
    from: './src-main/services',
    // Anything inside its own folder; another service only through its index.ts; version.ts is a leaf.
    except: [`./${name}`, ...serviceIndexes.filter((index) => index !== `./${name}/index.ts`), './version.ts'],
    message:
      'A service imports another service only through its index (../other), never its internals nor the composition root.',
  })),
  {
    target: './src-main/services/index.ts',
    from: './src-main/services',
    except: [...serviceIndexes, './version.ts'],
    message: 'The composition root opens each service through its index, never its internals.',
  },
  {
    target: './src-main/services',
    from: ['./src-main/ipc', './src-main/host', './src-main/cli', './src-main/app'],
    message: 'Services sit below IPC, the host, the CLI and the shell.',
  },
  {
    target: './src-renderer/store',
    from: './src-renderer/screens',
    message: 'The store is below the screens: move what both need into the store, components/ or the contract.',
  },
];

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'net',
  'http',
  'https',
  'tls',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // eslint-import-resolver-typescript is not installed: import-x's own resolver (unrs-resolver)
      // finds extension-less `.ts`/`.tsx` imports once it is told the extensions (no path aliases here).
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.cjs', '.js', '.json', '.node'] }),
      ],
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.cjs', '.js'],
    },
  },
  {
    files: ['src-main/**', 'src-renderer/**'],
    rules: {
      // Type-only imports are skipped by the rule: they vanish at run time and cannot cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: here, zones: layerZones }],
      // A rule name of its own (not no-restricted-imports) so the per-layer blocks below cannot override it.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'better-sqlite3',
              message: 'Only src-main/services/station talks to SQLite; use the StationDatabase API.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/services/station/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // One error vocabulary: codes come from the contract's catalogues, never a bare string.
    files: ['src-main/**'],
    ignores: ['src-main/contract/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='CustosError'] > Literal.arguments:first-child",
          message: 'Use a code from a catalogue in src-main/contract/errors, not a bare string.',
        },
        {
          selector: "CallExpression[callee.name='fail'] > Literal.arguments:first-child",
          message: 'Use a code from a catalogue in src-main/contract/errors, not a bare string.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['scripts/**', 'test/**', '*.config.*'], languageOptions: { globals: globals.node } },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer has no Electron access; use window.custos.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs sandboxed, without Node.' },
            { regex: 'src-main/(?!contract(/|$))', message: 'The renderer may import only src-main/contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/services/**', 'src-main/cli/**', 'src-main/host/**', 'src-main/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only src-main/app and src-main/preload may import electron: this code must run under plain Node.',
            },
          ],
          patterns: [{ group: ['**/app', '**/app/**'], message: 'Nothing imports the Electron shell (src-main/app).' }],
        },
      ],
    },
  },
  {
    // Arrows point down: services know nothing of Electron; the import-x/no-restricted-paths zones
    // above keep them below ipc/, host/, cli/ and app/ (checked on resolved paths, so all of ipc/).
    files: ['src-main/services/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services run under plain Node.' }] }],
    },
  },
  {
    files: ['src-main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./contract(/.*)?$)',
              message: 'The preload imports only electron and the contract.',
            },
          ],
        },
      ],
    },
  },
  // Last, so it wins over the src-main/ipc/** block above.
  {
    files: ['src-main/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|\\./)',
              message: 'The contract is environment-neutral: it imports only zod and itself.',
            },
          ],
        },
      ],
    },
  },
);
