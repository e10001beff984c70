// @ts-check
import baseConfig, { promiseRules } from '../eslint.config.mjs';

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
    rules: promiseRules,
  },
];
