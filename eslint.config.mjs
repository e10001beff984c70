import nx from '@nx/eslint-plugin';

/** A promise is awaited, returned or handled with a reason; an async function is never
 * where a void callback is expected; `await` only meets a thenable. */
export const promiseRules = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
};

/**
 * Only a repository runs SQL (docs/architecture.md, Layering): `.query(` anywhere else in an
 * API project is an error. Each API project's eslint config adds this; `allowed` names
 * the project's own exceptions, each with its reason there.
 * @param {...string} allowed file patterns, relative to the project
 */
export const sqlOnlyInRepositories = (...allowed) => ({
  files: ['**/*.ts'],
  ignores: ['**/*.repository.ts', '**/*.spec.ts', ...allowed],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "CallExpression[callee.property.name='query']",
        message:
          'Only a repository (*.repository.ts) runs SQL: add a method to the table owner’s repository and call it.',
      },
    ],
  },
});

const CONTROLLERS_CALL_SERVICES =
  'Controllers validate, call one service method and map the result: the service uses the repository or the database.';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/test-output',
      '**/.angular',
      '**/playwright-report',
      '**/test-results',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
            },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
            },
            {
              sourceTag: 'type:app',
              notDependOnLibsWithTags: ['type:app', 'type:e2e'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:platform',
                'type:contracts',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:ui',
                'type:util',
                'type:contracts',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:contracts',
              ],
            },
            {
              sourceTag: 'type:ui',
              onlyDependOnLibsWithTags: [
                'type:ui',
                'type:util',
                'type:contracts',
              ],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util', 'type:contracts'],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules: the promise rules, and a switch over a union names every member.
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      ...promiseRules,
      // Dropping fields with a rest sibling is how a view omits them.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { ignoreRestSiblings: true },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        {
          considerDefaultExhaustiveForUnions: true,
          requireDefaultForNonUnion: false,
        },
      ],
    },
  },
  {
    files: [
      '**/*.ts',
      '**/*.tsx',
      '**/*.cts',
      '**/*.mts',
      '**/*.js',
      '**/*.jsx',
      '**/*.cjs',
      '**/*.mjs',
    ],
    rules: {
      'no-console': 'error',
    },
  },
  {
    // Thin controllers (docs/architecture.md, Layering): no repository, no database handle.
    files: ['**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'pg', message: CONTROLLERS_CALL_SERVICES },
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'Repository'],
              message: CONTROLLERS_CALL_SERVICES,
            },
            {
              name: '@nestjs/typeorm',
              importNames: [
                'InjectDataSource',
                'InjectEntityManager',
                'InjectRepository',
              ],
              message: CONTROLLERS_CALL_SERVICES,
            },
          ],
          patterns: [
            { group: ['**/*.repository'], message: CONTROLLERS_CALL_SERVICES },
          ],
        },
      ],
    },
  },
];
