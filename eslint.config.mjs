// The folder is the process. These rules keep code from crossing process boundaries.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Renderer code runs in a sandboxed page: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'bench/results/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to main only through the preload bridge.' },
          { name: 'keytar', message: 'Secrets live in main only.' },
        ],
        patterns: [nodeBuiltins, { group: ['**/main/**', '**/preload/**'], message: 'Renderer may import only src/renderer and src/shared.' }],
      }],
      'no-restricted-globals': ['error', 'require', 'process', 'Buffer'],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['app', 'BrowserWindow', 'ipcMain', 'net', 'session', 'shell', 'remote', 'webFrame', 'nativeImage', 'clipboard', 'crashReporter', 'webUtils'], message: 'The preload may use only contextBridge and ipcRenderer.' },
          { name: 'keytar', message: 'Secrets live in main only.' }],
        patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'Sandboxed preloads cannot use Node modules.' },
          { group: ['**/main/**', '**/renderer/**'], message: 'Preload may import only src/preload and src/shared.' }],
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Never expose the environment to the page.' }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'Main never imports renderer or preload code.' }] }],
      'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'A kiosk never opens external apps.' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Shared code is imported by every process: no Electron.' }],
        patterns: [nodeBuiltins, { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'Shared code depends on nothing process-specific.' }],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
