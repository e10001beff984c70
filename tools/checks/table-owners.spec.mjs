// @ts-check
// The ownership checks on small made-up workspaces: each catches its violation and passes
// the layout the repository uses. Run with `node --test tools/checks/table-owners.spec.mjs`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repositoryViolations, tableViolations } from './table-owners.mjs';

const paths = {
  '@foyer/api/orders': ['./libs/api/orders/src/index.ts'],
  '@foyer/api/orders/worker': ['./libs/api/orders/src/worker.ts'],
  '@foyer/api/menu': ['./libs/api/menu/src/index.ts'],
};

/** A workspace where the orders library keeps its repository inside. */
function workspace() {
  return new Map([
    [
      'libs/api/orders/src/index.ts',
      "export * from './worker';\nexport { OrdersModule } from './lib/orders.module';\n",
    ],
    [
      'libs/api/orders/src/worker.ts',
      "export * from './lib/orders.service';\n",
    ],
    [
      'libs/api/orders/src/lib/orders.service.ts',
      "import { DiningOrderRepository } from './dining-order.repository';\nexport type { DiningOrder } from './dining-order.repository';\n",
    ],
    [
      'libs/api/orders/src/lib/dining-order.repository.ts',
      "const sql = 'SELECT id FROM dining_order WHERE tenant_id = $1';\n",
    ],
    ['libs/api/orders/src/lib/orders.module.ts', ''],
    ['libs/api/menu/src/index.ts', "export * from './lib/menu.service';\n"],
    [
      'libs/api/menu/src/lib/menu.service.ts',
      "import { OrdersService } from '@foyer/api/orders';\n",
    ],
  ]);
}

await test('the layout the repository uses passes both checks', () => {
  assert.deepEqual(tableViolations(workspace()), []);
  assert.deepEqual(repositoryViolations(workspace(), paths), []);
});

await test('SQL naming a table outside its repositories is caught', () => {
  const files = workspace();
  files.set(
    'libs/api/orders/src/lib/orders.controller.ts',
    "await manager.query('UPDATE dining_order SET status = $2');",
  );
  files.set(
    'libs/api/menu/src/lib/menu.repository.ts',
    "const sql = 'SELECT 1 FROM order_line JOIN dining_order ON true';",
  );
  assert.deepEqual(tableViolations(files), [
    'libs/api/menu/src/lib/menu.repository.ts: dining_order (owned by libs/api/orders)',
    'libs/api/menu/src/lib/menu.repository.ts: order_line (owned by libs/api/orders)',
    'libs/api/orders/src/lib/orders.controller.ts: dining_order (owned by libs/api/orders)',
  ]);
});

await test('an entry point exporting a repository is caught, directly or through export *', () => {
  const files = workspace();
  files.set(
    'libs/api/orders/src/index.ts',
    "export * from './worker';\nexport type { DiningOrder } from './lib/dining-order.repository';\n",
  );
  files.set(
    'libs/api/orders/src/worker.ts',
    "export * from './lib/dining-order.repository';\n",
  );
  assert.deepEqual(repositoryViolations(files, paths), [
    'libs/api/orders/src/index.ts: exports libs/api/orders/src/lib/dining-order.repository.ts',
    'libs/api/orders/src/worker.ts: exports libs/api/orders/src/lib/dining-order.repository.ts',
  ]);
});

await test("importing another library's repository is caught, its own is not", () => {
  const files = workspace();
  files.set(
    'libs/api/menu/src/lib/menu.service.ts',
    "import {\n  DiningOrderRepository,\n} from '../../../orders/src/lib/dining-order.repository';\n",
  );
  assert.deepEqual(repositoryViolations(files, paths), [
    'libs/api/menu/src/lib/menu.service.ts: imports libs/api/orders/src/lib/dining-order.repository.ts',
  ]);
});
