import {
  Row,
  RowShapeError,
  bool,
  integer,
  json,
  optionalText,
  text,
} from '@foyer/api/platform/database';

/** A menu item of the current tenant. Prices are integer minor units, never from a diner. */
export interface MenuItem {
  id: string;
  categoryId: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  allergens: string[];
  available: boolean;
  position: number;
  /** Opaque random key in MediaStorage; null when the item has no image. */
  imageKey: string | null;
}

/** The columns a PATCH may change, by field. */
export type MenuItemChanges = Partial<
  Pick<
    MenuItem,
    | 'categoryId'
    | 'name'
    | 'description'
    | 'priceCents'
    | 'currency'
    | 'allergens'
    | 'available'
    | 'position'
    | 'imageKey'
  >
>;

export const MENU_ITEM_COLUMNS =
  'id, category_id, name, description, price_cents, currency, allergens, available, position, image_key';

/** A `text[]` column, as node-postgres parses it. */
function textList(row: Row, column: string): string[] {
  const value = json(row, column);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new RowShapeError(column, 'a text array', value);
  }
  return value;
}

export function toMenuItem(row: Row): MenuItem {
  return {
    id: text(row, 'id'),
    categoryId: text(row, 'category_id'),
    name: text(row, 'name'),
    description: text(row, 'description'),
    priceCents: integer(row, 'price_cents'),
    currency: text(row, 'currency'),
    allergens: textList(row, 'allergens'),
    available: bool(row, 'available'),
    position: integer(row, 'position'),
    imageKey: optionalText(row, 'image_key'),
  };
}
