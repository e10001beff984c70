import { Injectable } from '@nestjs/common';
import { MenuItemRepository } from './menu-item.repository';

/** What ordering needs of a menu item; read from the menu, never from a diner. */
export interface PricedItem {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  available: boolean;
}

/**
 * The menu's answer to other domains (ordering) about names, prices and availability of
 * items of the current tenant; they never read `menu_item` themselves.
 */
@Injectable()
export class MenuPrices {
  constructor(private readonly repository: MenuItemRepository) {}

  /** The tenant's items among `ids`, by id; unknown ids (and other tenants' items) are absent. */
  async items(ids: readonly string[]): Promise<Map<string, PricedItem>> {
    if (ids.length === 0) {
      return new Map();
    }
    const found = await this.repository.byIds(ids);
    return new Map(
      found.map((item) => [
        item.id,
        {
          id: item.id,
          name: item.name,
          priceCents: item.priceCents,
          currency: item.currency,
          available: item.available,
        },
      ]),
    );
  }
}
