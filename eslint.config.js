// Lint rules, including the import zones that keep each runtime in its room:
// shared/ = any runtime (no Node, no DOM), renderer/ = browser only, main/ = Node, and only
// main/hosts/electron may import 'electron'; lower layers never import higher ones.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeDeps = ['better-sqlite3', 'usb', 'pcsclite', 'ws', 'sm-crypto', 'sm-crypto-v2'];
const noElectron = { name: 'electron', message: 'Only main/hosts/electron may import electron.' };

/** One no-restricted-imports rule per zone: forbidden module names and path patterns. */
function zone(files, { names = [], patterns = [] }, extra = {}) {
  return {
    files,
    ...extra,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: names.map((n) =>
            typeof n === 'string' ? { name: n, message: 'Not allowed in this room.' } : n,
          ),
          patterns,
        },
      ],
    },
  };
}

const mainLayers = [
  'crypto',
  'store',
  'events',
  'entropy',
  'audit',
  'auth',
  'secrets',
  'ceremony',
  'chips',
  'fill',
  'sync',
  'api',
  'hosts',
  'cli',
];
const testCode = ['**/*.test.ts', '**/test-*.ts', '**/test-support/**'];
/** A layer of main/ may not import the layers above it (crypto ← store ← … ← api ← hosts). */
function layer(name, mayNotImport) {
  return zone(
    [`main/${name}/**/*.ts`],
    {
      names: [noElectron],
      patterns: [
        { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
        ...mayNotImport.map((l) => ({
          group: [`../${l}/*`, `../../${l}/*`, `../${l}`],
          message: `main/${name} must not import main/${l}.`,
        })),
        {
          group: ['../station', '../../station'],
          message: 'Only hosts and the CLI use the composition root.',
        },
      ],
    },
    { ignores: testCode },
  );
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  zone(['shared/**/*.ts'], {
    names: [...nodeBuiltins, 'electron', 'react', ...nativeDeps],
    patterns: [
      {
        group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'],
        message: 'shared/ imports only shared/ and zod.',
      },
    ],
  }),
  zone(['renderer/**/*.{ts,tsx}'], {
    names: [...nodeBuiltins, noElectron, ...nativeDeps],
    patterns: [
      {
        group: ['**/main/**', '../main/*', '../../main/*'],
        message: 'The renderer talks to main only through the contract client.',
      },
    ],
  }),
  zone(['main/**/*.ts'], {
    names: [noElectron],
    patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }],
  }),
  layer(
    'crypto',
    mainLayers.filter((l) => l !== 'crypto'),
  ),
  layer('store', ['api', 'hosts', 'cli', 'events']),
  layer('events', ['store', 'api', 'hosts', 'cli', 'crypto']),
  layer('chips', ['fill', 'sync', 'api', 'hosts', 'cli']),
  layer('fill', ['sync', 'api', 'hosts', 'cli']),
  layer('sync', ['api', 'hosts', 'cli']),
  layer('api', ['hosts', 'cli']),
  zone(['main/hosts/electron/**/*.ts'], { names: [] }),
  zone(['main/hosts/electron/preload.ts'], {
    names: [...nodeBuiltins, ...nativeDeps],
    patterns: [
      {
        regex: '^\\.\\./\\.\\./(?!\\.\\./shared/)',
        message: 'The preload imports only electron, shared/ and the IPC channel names.',
      },
    ],
  }),
  {
    files: [
      'sim/**/*.ts',
      'bench/**/*.ts',
      'e2e/**/*.ts',
      'scripts/**',
      '*.config.*',
      '**/*.test.ts',
      '**/*.test.tsx',
    ],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
