/** Staff shapes of the menu, tables and orders routes, declared once in `@foyer/contracts`. */
export type { DiningTable, MenuCategory, MenuItem } from '@foyer/contracts';
import type { MenuItem } from '@foyer/contracts';

/** What the menu editor sends for an item: every field but the server's own. */
export type MenuItemInput = Omit<MenuItem, 'id' | 'imageUrl'>;
