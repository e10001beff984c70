/** Staff shapes of the menu, tables and orders routes of the OpenAPI document. */
export interface MenuCategory {
  id: string;
  name: string;
  position: number;
}

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
  imageUrl: string | null;
}

export type MenuItemInput = Omit<MenuItem, 'id' | 'imageUrl'>;

export interface DiningTable {
  id: string;
  label: string;
  code: string;
  active: boolean;
}
