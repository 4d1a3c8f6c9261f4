// One lint gate for the whole workspace: typescript-eslint's recommended rules, `import type`,
// and the dependency direction of ARCHITECTURE.md (domain ← log, sim ← server; domain ← web).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Imports a folder must never make, with the reason shown to whoever tries. */
function forbid(files, patterns) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: patterns.map(([group, message]) => ({ group, message })) },
      ],
    },
  };
}

const deepImport = [
  ['@floodnet/*/*'],
  'Import a package only through its entry (e.g. @floodnet/domain), never a file inside it.',
];
const uiLibraries = [
  ['react', 'react-dom', 'react-dom/*', 'leaflet', 'react-leaflet', 'zustand', 'zustand/*'],
  'Packages never import React or Leaflet: only apps/web does.',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.tsbuild/**',
      '**/dist/**',
      'data/**',
      'fixtures/**',
      '**/test-results/**',
      'bench/results/**',
      'bench/.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: deepImport[0], message: deepImport[1] }] },
      ],
    },
  },
  forbid(
    ['packages/domain/**'],
    [
      deepImport,
      uiLibraries,
      [
        ['@floodnet/log', '@floodnet/sim', '@floodnet/server', '@floodnet/web'],
        'domain depends on nothing.',
      ],
      [['node:*', 'fs', 'path', 'crypto', 'better-sqlite3', 'fastify'], 'domain is pure: no I/O.'],
    ],
  ),
  forbid(
    ['packages/log/**'],
    [
      deepImport,
      uiLibraries,
      [['@floodnet/sim', '@floodnet/server', '@floodnet/web'], 'log depends on domain only.'],
    ],
  ),
  forbid(
    ['packages/sim/src/**'],
    [
      deepImport,
      uiLibraries,
      [['@floodnet/log', '@floodnet/server', '@floodnet/web'], 'sim depends on domain only.'],
    ],
  ),
  forbid(
    ['apps/server/**'],
    [
      deepImport,
      uiLibraries,
      [['@floodnet/web', '**/apps/web/**'], 'The server never imports the web app.'],
    ],
  ),
  forbid(
    ['apps/web/src/**'],
    [
      deepImport,
      [
        ['@floodnet/server', '@floodnet/log', '@floodnet/sim', '**/apps/server/**', 'node:*'],
        'The web app talks to the server over HTTP and Socket.IO only, and imports only domain.',
      ],
    ],
  ),
  {
    files: ['apps/web/src/**/*.tsx', 'apps/web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
