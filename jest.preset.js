const nxPreset = require('@nx/jest/preset').default;

// Two suites per project, chosen by FOYER_JEST_SUITE:
// - unit (the default, `nx test <project>`): every spec except `*.integration.spec.ts`;
//   none of them needs PostgreSQL or Redis, so they run anywhere in seconds.
// - integration (`nx run <project>:integration`): only `*.integration.spec.ts`, against the
//   real services (a database per run from a migrated template, RLS on, the runtime role).
const integration = process.env.FOYER_JEST_SUITE === 'integration';

module.exports = {
  ...nxPreset,
  testMatch: integration ? ['**/*.integration.spec.ts'] : nxPreset.testMatch,
  // A library whose every spec needs the services (tenants, api-testing) has no unit suite.
  passWithNoTests: !integration,
  testPathIgnorePatterns: integration
    ? ['/node_modules/']
    : ['/node_modules/', '\\.integration\\.spec\\.ts$'],
  // Integration specs start apps, pools and queues; a slow CI machine needs the headroom.
  testTimeout: integration ? 30000 : 10000,
};
