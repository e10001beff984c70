import { SeedTenantContext } from '@foyer/api/platform/database';
import { EntityManager } from 'typeorm';
import { MenuCategoryRepository } from './menu-category.repository';
import { MenuItemRepository } from './menu-item.repository';

interface DemoItem {
  name: string;
  description: string;
  priceCents: number;
  allergens: string[];
}

/** The demo venue's bar menu, in EUR; names and allergens only, no images. */
export const DEMO_MENU: readonly {
  name: string;
  items: readonly DemoItem[];
}[] = [
  {
    name: 'Before the show',
    items: [
      {
        name: 'Tomato soup',
        description: 'Slow-roasted tomatoes, basil oil',
        priceCents: 650,
        allergens: ['celery'],
      },
      {
        name: 'Sourdough and butter',
        description: 'Baked this morning',
        priceCents: 450,
        allergens: ['gluten', 'milk'],
      },
      {
        name: 'Marinated olives',
        description: 'Lemon, thyme, chilli',
        priceCents: 400,
        allergens: [],
      },
      {
        name: 'Cheese board',
        description: 'Three regional cheeses, grapes, crackers',
        priceCents: 1250,
        allergens: ['milk', 'gluten', 'nuts'],
      },
    ],
  },
  {
    name: 'Interval',
    items: [
      {
        name: 'Pretzel',
        description: 'With mustard',
        priceCents: 350,
        allergens: ['gluten', 'mustard'],
      },
      {
        name: 'Chocolate brownie',
        description: 'Dark chocolate, walnuts',
        priceCents: 450,
        allergens: ['gluten', 'eggs', 'milk', 'nuts'],
      },
      {
        name: 'Salted almonds',
        description: '',
        priceCents: 300,
        allergens: ['nuts'],
      },
    ],
  },
  {
    name: 'Drinks',
    items: [
      {
        name: 'Sparkling wine',
        description: '125 ml',
        priceCents: 850,
        allergens: ['sulphites'],
      },
      {
        name: 'House red',
        description: '150 ml',
        priceCents: 650,
        allergens: ['sulphites'],
      },
      {
        name: 'Pale ale',
        description: '330 ml bottle',
        priceCents: 550,
        allergens: ['gluten'],
      },
      {
        name: 'Elderflower lemonade',
        description: '250 ml',
        priceCents: 400,
        allergens: [],
      },
      { name: 'Espresso', description: '', priceCents: 280, allergens: [] },
    ],
  },
];

/** Seeds the demo menu once: a venue that already has categories is left as it is. */
export async function seedDemoMenu(
  manager: EntityManager,
  tenantId: string,
): Promise<void> {
  const context = new SeedTenantContext(manager, tenantId);
  const categories = new MenuCategoryRepository(context);
  const items = new MenuItemRepository(context);
  if ((await categories.count()) > 0) {
    return;
  }
  for (const [categoryIndex, category] of DEMO_MENU.entries()) {
    const { id } = await categories.insert({
      name: category.name,
      position: (categoryIndex + 1) * 10,
    });
    for (const [itemIndex, item] of category.items.entries()) {
      await items.insert({
        categoryId: id,
        name: item.name,
        description: item.description,
        priceCents: item.priceCents,
        currency: 'EUR',
        allergens: [...item.allergens],
        available: true,
        position: (itemIndex + 1) * 10,
        imageKey: null,
      });
    }
  }
}
