import baseConfig, { sqlOnlyInRepositories } from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  sqlOnlyInRepositories(
    // The database layer repositories stand on: the tenant-scoped base class, the
    // transaction's tenant setting, and the roles bootstrap that runs before migrations.
    'src/lib/database/**',
    // The outbox is platform infrastructure: its writer and relay are its repository
    // (tools/checks/table-owners.mjs allows them `outbox_message` for the same reason).
    'src/lib/outbox/outbox.service.ts',
    'src/lib/outbox/outbox-relay.service.ts',
  ),
];
