import {
  Row,
  integer,
  oneOf,
  optionalText,
  text,
  timestamp,
} from '@foyer/api/platform/database';
import { ORDER_STATUSES, OrderStatus } from './order-status';

/** An order as `dining_order` holds it (its lines are `order_line` rows). */
export interface DiningOrder {
  id: string;
  /** null once the table was deleted; the label stays. */
  tableId: string | null;
  tableLabel: string;
  status: OrderStatus;
  note: string | null;
  totalCents: number;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
}

export const DINING_ORDER_COLUMNS =
  'id, table_id, table_label, status, note, total_cents, currency, created_at, updated_at';

export function toDiningOrder(row: Row): DiningOrder {
  return {
    id: text(row, 'id'),
    tableId: optionalText(row, 'table_id'),
    tableLabel: text(row, 'table_label'),
    status: oneOf(row, 'status', ORDER_STATUSES),
    note: optionalText(row, 'note'),
    totalCents: integer(row, 'total_cents'),
    currency: text(row, 'currency'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}
