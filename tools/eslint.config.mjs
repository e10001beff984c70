// @ts-check
import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The root config's type-aware promise rules, for the tools' JavaScript too: types come
    // from tools/tsconfig.json (checkJs, strict).
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
];
