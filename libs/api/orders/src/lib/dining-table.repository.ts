import { Injectable } from '@nestjs/common';
import {
  TenantContext,
  TenantScopedRepository,
  integer,
  rowsOf,
} from '@foyer/api/platform/database';
import {
  DINING_TABLE_COLUMNS,
  DiningTable,
  ResolvedTable,
  toDiningTable,
  toResolvedTable,
} from './dining-table.mapper';

export type DiningTableChanges = Partial<
  Pick<DiningTable, 'label' | 'active' | 'code' | 'codeVersion' | 'sittingId'>
>;

/** Field → column of what an update may change (a fixed list: nothing else reaches the SQL). */
const COLUMN: Readonly<Record<keyof DiningTableChanges, string>> = {
  label: 'label',
  active: 'active',
  code: 'code',
  codeVersion: 'code_version',
  sittingId: 'sitting_id',
};

/** The one reader and writer of `dining_table`; every statement names the tenant as $1. */
@Injectable()
export class DiningTableRepository extends TenantScopedRepository {
  // Its own constructor, so Nest reads the TenantContext parameter of this class.
  constructor(context: TenantContext) {
    super(context);
  }

  /**
   * The active table holding `code`, of whichever tenant, through the SECURITY DEFINER
   * function `app_table_by_code`: the one statement that cannot name a tenant, because
   * the code is how the tenant is found. Runs without a tenant (or joins the current
   * transaction); the function answers only what the code's holder may know.
   */
  async byCode(code: string): Promise<ResolvedTable | null> {
    const result = await this.context.withoutTenant((manager) =>
      manager.query(
        'SELECT tenant_id, table_id, label, code_version, sitting_id FROM app_table_by_code($1)',
        [code],
      ),
    );
    const [row] = rowsOf(result);
    return row ? toResolvedTable(row) : null;
  }

  /** Up to `limit` tables with an id after `afterId`, in id order. */
  page(afterId: string | null, limit: number): Promise<DiningTable[]> {
    return this.select(
      `SELECT ${DINING_TABLE_COLUMNS} FROM dining_table
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [afterId, limit],
      toDiningTable,
    );
  }

  /** The active tables by label (all of them, or the first `limit`). */
  active(limit: number | null = null): Promise<DiningTable[]> {
    return this.select(
      `SELECT ${DINING_TABLE_COLUMNS} FROM dining_table
        WHERE tenant_id = $1 AND active ORDER BY label, id LIMIT $2`,
      [limit],
      toDiningTable,
    );
  }

  async count(): Promise<number> {
    const counted = await this.first(
      'SELECT count(*)::int AS tables FROM dining_table WHERE tenant_id = $1',
      [],
      (row) => integer(row, 'tables'),
    );
    return counted ?? 0;
  }

  find(id: string): Promise<DiningTable | null> {
    return this.first(
      `SELECT ${DINING_TABLE_COLUMNS} FROM dining_table WHERE tenant_id = $1 AND id = $2`,
      [id],
      toDiningTable,
    );
  }

  /** The table under a row lock (FOR UPDATE) until the transaction ends: rotation and closing a sitting. */
  lock(id: string): Promise<DiningTable | null> {
    return this.first(
      `SELECT ${DINING_TABLE_COLUMNS} FROM dining_table WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [id],
      toDiningTable,
    );
  }

  /**
   * The active table under a shared lock (FOR SHARE): holds off close-sitting and rotation
   * until an order placed at it is written (or not).
   */
  lockForOrder(id: string): Promise<DiningTable | null> {
    return this.first(
      `SELECT ${DINING_TABLE_COLUMNS} FROM dining_table WHERE tenant_id = $1 AND id = $2 AND active FOR SHARE`,
      [id],
      toDiningTable,
    );
  }

  async insert(table: {
    label: string;
    active: boolean;
    code: string;
    sittingId: string;
  }): Promise<DiningTable> {
    const [inserted] = await this.select(
      `INSERT INTO dining_table (tenant_id, label, active, code, sitting_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${DINING_TABLE_COLUMNS}`,
      [table.label, table.active, table.code, table.sittingId],
      toDiningTable,
    );
    return inserted;
  }

  /** Changes exactly the given fields; null when the table is not the tenant's. */
  update(id: string, changes: DiningTableChanges): Promise<DiningTable | null> {
    const set: string[] = [];
    const params: unknown[] = [id];
    for (const field of Object.keys(COLUMN) as (keyof DiningTableChanges)[]) {
      if (changes[field] !== undefined) {
        params.push(changes[field]);
        set.push(`${COLUMN[field]} = $${params.length + 1}`);
      }
    }
    set.push('updated_at = now()');
    return this.first(
      `UPDATE dining_table SET ${set.join(', ')} WHERE tenant_id = $1 AND id = $2
       RETURNING ${DINING_TABLE_COLUMNS}`,
      params,
      toDiningTable,
    );
  }

  /** How many rows went (0 or 1); the table's orders keep their copied label. */
  delete(id: string): Promise<number> {
    return this.execute(
      'DELETE FROM dining_table WHERE tenant_id = $1 AND id = $2',
      [id],
    );
  }
}
