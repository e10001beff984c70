// @ts-check
// Targets every Foyer project gets from its files, so no project.json repeats them:
// - `format-check`: `prettier --check` over the project's own files; `lint` depends on it
//   (nx.json), so `nx lint <project>` fails on a file prettier would rewrite.
// - `integration`: the project's `*.integration.spec.ts` files, against the real PostgreSQL
//   and Redis, when it has any. Its `test` target runs the other specs, which need neither
//   (jest.preset.js chooses the files from FOYER_JEST_SUITE).
const { existsSync, readdirSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** @param {string} directory @returns {boolean} */
function hasIntegrationSpecs(directory) {
  if (!existsSync(directory)) return false;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(directory, entry.name);
    if (
      entry.isDirectory()
        ? hasIntegrationSpecs(path)
        : entry.name.endsWith('.integration.spec.ts')
    ) {
      return true;
    }
  }
  return false;
}

/** @param {string} root @param {string} workspaceRoot @returns {Record<string, import('@nx/devkit').TargetConfiguration>} */
function targetsFor(root, workspaceRoot) {
  /** @type {Record<string, import('@nx/devkit').TargetConfiguration>} */
  const targets = {
    'format-check': {
      command: `prettier --check ${root === '.' ? '.' : root}`,
      options: { cwd: '{workspaceRoot}' },
      cache: true,
      inputs: [
        'default',
        '{workspaceRoot}/.prettierrc',
        '{workspaceRoot}/.prettierignore',
      ],
    },
  };
  const jestConfig = ['jest.config.cts', 'jest.config.ts'].find((name) =>
    existsSync(join(workspaceRoot, root, name)),
  );
  if (jestConfig && hasIntegrationSpecs(join(workspaceRoot, root, 'src'))) {
    targets['integration'] = {
      command: `jest --config ${jestConfig}`,
      options: {
        cwd: root,
        // As @nx/jest's inferred `test` sets it, so ts-node can read the .cts config.
        env: {
          FOYER_JEST_SUITE: 'integration',
          TS_NODE_COMPILER_OPTIONS: JSON.stringify({
            moduleResolution: 'node10',
            module: 'commonjs',
            customConditions: null,
          }),
        },
      },
      // The real services are outside Nx's view: a cached pass would prove nothing.
      cache: false,
    };
  }
  return targets;
}

/** @type {import('@nx/devkit').CreateNodesV2} */
const createNodesV2 = [
  '**/project.json',
  async (configFiles, _options, context) =>
    configFiles.map((file) => {
      const root = dirname(file);
      return [
        file,
        {
          projects: {
            [root]: { targets: targetsFor(root, context.workspaceRoot) },
          },
        },
      ];
    }),
];

module.exports = { createNodesV2 };
