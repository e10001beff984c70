import { Injectable } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform';

/** What ordering needs of a menu item; read from the menu, never from a diner. */
export interface PricedItem {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  available: boolean;
}

/** Reads menu items of the current tenant (row-level security applies). */
@Injectable()
export class MenuPrices {
  constructor(private readonly context: TenantContext) {}

  async items(ids: readonly string[]): Promise<Map<string, PricedItem>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = (await this.context.manager.query(
      `SELECT id, name, price_cents, currency, available FROM menu_item WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as {
      id: string;
      name: string;
      price_cents: number;
      currency: string;
      available: boolean;
    }[];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          priceCents: r.price_cents,
          currency: r.currency,
          available: r.available,
        },
      ]),
    );
  }

  async tenantCurrency(): Promise<string> {
    const [row] = (await this.context.manager.query(
      `SELECT currency FROM tenant WHERE id = app_current_tenant()`,
    )) as {
      currency: string;
    }[];
    return row?.currency ?? 'EUR';
  }
}
