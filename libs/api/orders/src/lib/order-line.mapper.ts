import { Row, integer, optionalText, text } from '@foyer/api/platform/database';

/** One line of a placed order: name and price copied from the menu when it was placed. */
export interface OrderLine {
  orderId: string;
  menuItemId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  note: string | null;
}

export const ORDER_LINE_COLUMNS =
  'order_id, menu_item_id, name, quantity, unit_price_cents, note';

export function toOrderLine(row: Row): OrderLine {
  return {
    orderId: text(row, 'order_id'),
    menuItemId: text(row, 'menu_item_id'),
    name: text(row, 'name'),
    quantity: integer(row, 'quantity'),
    unitPriceCents: integer(row, 'unit_price_cents'),
    note: optionalText(row, 'note'),
  };
}
