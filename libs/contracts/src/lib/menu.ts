import * as z from 'zod/mini';
import { count, identifier } from './wire';

/** The menu: what diners read (`GET /api/public/venues/:slug/menu`) and what staff edit. */

/** Money is integer minor units plus an ISO 4217 currency code. */
export const PublicMenuItem = z.object({
  id: identifier,
  name: z.string(),
  description: z.string(),
  priceCents: count,
  currency: z.string(),
  allergens: z.array(z.string()),
  /** A signed, expiring media URL; missing when the item has no photo. */
  imageUrl: z.optional(z.string()),
});
export type PublicMenuItem = z.infer<typeof PublicMenuItem>;

export const PublicMenuCategory = z.object({
  id: identifier,
  name: z.string(),
  items: z.array(PublicMenuItem),
});
export type PublicMenuCategory = z.infer<typeof PublicMenuCategory>;

/** Available items only, by category, in their positions; empty categories left out. */
export const PublicMenu = z.object({ categories: z.array(PublicMenuCategory) });
export type PublicMenu = z.infer<typeof PublicMenu>;

/** A category as staff edit it (`/api/staff/menu/categories`). */
export const MenuCategory = z.object({
  id: identifier,
  name: z.string(),
  position: count,
});
export type MenuCategory = z.infer<typeof MenuCategory>;

/** An item as staff edit it (`/api/staff/menu/items`), available or not. */
export const MenuItem = z.object({
  id: identifier,
  categoryId: identifier,
  name: z.string(),
  description: z.string(),
  priceCents: count,
  currency: z.string(),
  allergens: z.array(z.string()),
  available: z.boolean(),
  position: count,
  /** A signed, expiring media URL, or null when the item has no photo. */
  imageUrl: z.nullable(z.string()),
});
export type MenuItem = z.infer<typeof MenuItem>;

/** Body of `POST /api/staff/menu/categories`; `PATCH` takes any part of it. */
export interface MenuCategoryRequest {
  name: string;
  position?: number;
}

/** Body of `POST /api/staff/menu/items`; `PATCH` takes any part of it. */
export interface MenuItemRequest {
  categoryId: string;
  name: string;
  description?: string;
  priceCents: number;
  /** Defaults to the venue's currency. */
  currency?: string;
  allergens?: string[];
  available?: boolean;
  position?: number;
}
