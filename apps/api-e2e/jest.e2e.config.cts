// Black-box suite against a running API (started by `npm test`, see tools/scripts/test.mjs).
// Named so the Nx jest plugin does not infer a unit `test` target from it.
module.exports = {
  displayName: 'api-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // A black box imports only the shared contract (its schemas check the answers).
  moduleNameMapper: {
    '^@foyer/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
  },
  testTimeout: 30000,
};
