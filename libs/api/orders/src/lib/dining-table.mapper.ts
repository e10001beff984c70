import { Row, bool, integer, text } from '@foyer/api/platform/database';

/** A table diners order from. Its code is the secret printed in the QR. */
export interface DiningTable {
  id: string;
  label: string;
  /** 256-bit random base64url value; replaced by rotate-code. */
  code: string;
  /** Bumped on every rotation: capabilities of an older version are refused. */
  codeVersion: number;
  /** Replaced when staff close the sitting: its cart and capabilities end with it. */
  sittingId: string;
  active: boolean;
}

/** A table as its code resolves: only what the code's holder may know. */
export interface ResolvedTable {
  tenantId: string;
  tableId: string;
  label: string;
  codeVersion: number;
  sittingId: string;
}

export const DINING_TABLE_COLUMNS =
  'id, label, code, code_version, sitting_id, active';

export function toDiningTable(row: Row): DiningTable {
  return {
    id: text(row, 'id'),
    label: text(row, 'label'),
    code: text(row, 'code'),
    codeVersion: integer(row, 'code_version'),
    sittingId: text(row, 'sitting_id'),
    active: bool(row, 'active'),
  };
}

/** A row of `app_table_by_code`. */
export function toResolvedTable(row: Row): ResolvedTable {
  return {
    tenantId: text(row, 'tenant_id'),
    tableId: text(row, 'table_id'),
    label: text(row, 'label'),
    codeVersion: integer(row, 'code_version'),
    sittingId: text(row, 'sitting_id'),
  };
}
