// Lint rules that hold the architecture in place (DESIGN.md):
//   the renderer imports only src-main/contract; the contract imports only zod;
//   only src-main/app and src-main/preload may import electron; nothing imports app/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    // Arrows point down: domain services know nothing of IPC handlers, transports or the CLI.
    files: ['src-main/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Services run under plain Node.' }],
          patterns: [
            {
              group: [
                '**/ipc/handlers',
                '**/ipc/handlers/**',
                '**/ipc/register',
                '**/ipc/pushes',
                '**/host',
                '**/host/**',
                '**/cli',
                '**/cli/**',
                '**/app',
                '**/app/**',
              ],
              message: 'Services sit below IPC, the host, the CLI and the shell.',
            },
          ],
        },
      ],
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
