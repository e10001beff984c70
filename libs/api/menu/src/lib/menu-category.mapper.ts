import { Row, integer, text } from '@foyer/api/platform/database';

/** A menu category of the current tenant. */
export interface MenuCategory {
  id: string;
  name: string;
  position: number;
}

export const MENU_CATEGORY_COLUMNS = 'id, name, position';

export function toMenuCategory(row: Row): MenuCategory {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    position: integer(row, 'position'),
  };
}
