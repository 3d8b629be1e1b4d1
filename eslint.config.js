// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layer arrows of architecture.md as lint rules, so a layer reaching where it must not
 * fails `npm run check` (the per-layer tsconfigs enforce the same at type level).
 */
const NODE_BUILTINS = ['fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'net', 'url'];
/** `names` are exact module names; `globs` are path patterns (gitignore syntax). */
const forbid = ({ names = [], globs = [] }, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: globs.length > 0 ? [{ group: globs, message }] : [],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      {
        names: ['electron', 'react', 'react-dom', ...NODE_BUILTINS],
        globs: ['node:*', '**/electron/**', '**/renderer/**'],
      },
      'shared/ is pure: no electron, node:*, react or other layers (architecture.md).',
    ),
  },
  {
    files: [
      'electron/services/**/*.ts',
      'electron/cli/**/*.ts',
      'electron/web/**/*.ts',
      'electron/shell/**/*.ts',
    ],
    rules: forbid(
      { names: ['electron'], globs: ['**/renderer/**'] },
      'Services are plain Node and never import electron; only the shell (main.ts, preload.ts) does.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        { names: ['electron', ...NODE_BUILTINS], globs: ['node:*', '**/electron/**'] },
        'The renderer reaches the main process only through window.tokenbench (the IPC contract).',
      ),
    },
  },
  {
    files: ['test/**/*.ts'],
    // Vitest's asymmetric matchers (expect.stringContaining, expect.any) are typed `any`.
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: forbid(
      { names: ['electron'] },
      'Tests load no electron: its binary cannot be fetched on our machines.',
    ),
  },
);
