import { createHash } from 'node:crypto';
import { CanonicalJsonError, canonicalJson } from '@foyer/api/platform/crypto';
import type {
  PublicMenu,
  PublicMenuCategory,
  PublicMenuItem,
} from '@foyer/contracts';
import { ifNoneMatchHits, menuEtag } from './menu-etag';

const soup: PublicMenuItem = {
  id: 'i-1',
  name: 'Tomato soup',
  description: 'With basil',
  priceCents: 650,
  currency: 'EUR',
  allergens: ['celery'],
};
const bread: PublicMenuItem = {
  id: 'i-2',
  name: 'Bread',
  description: '',
  priceCents: 300,
  currency: 'EUR',
  allergens: ['gluten'],
  imageUrl: '/api/media/bread.webp?exp=1&sig=abc',
};
const wine: PublicMenuItem = {
  id: 'i-3',
  name: 'House red',
  description: '125 ml',
  priceCents: 550,
  currency: 'EUR',
  allergens: ['sulphites'],
};

const starters: PublicMenuCategory = {
  id: 'c-1',
  name: 'Starters',
  items: [soup, bread],
};
const drinks: PublicMenuCategory = { id: 'c-2', name: 'Drinks', items: [wine] };
const menu = (): PublicMenu => ({ categories: [starters, drinks] });

/** The menu with its first item (soup) replaced. */
const withItem = (
  change: (item: PublicMenuItem) => PublicMenuItem,
): PublicMenu => ({
  categories: [{ ...starters, items: [change(soup), bread] }, drinks],
});

describe('menuEtag', () => {
  it('is a quoted base64url SHA-256 of the canonical JSON (a strong ETag)', () => {
    const tag = menuEtag(menu());
    const digest = createHash('sha256')
      .update(canonicalJson(menu(), { omitUndefined: true }))
      .digest('base64url');
    expect(tag).toBe(`"${digest}"`);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(tag.startsWith('W/')).toBe(false);
  });

  it('is stable for the same content', () => {
    expect(menuEtag(menu())).toBe(menuEtag(menu()));
  });

  it('does not depend on key order', () => {
    const reordered: PublicMenu = {
      categories: [
        {
          items: [
            {
              allergens: ['celery'],
              currency: 'EUR',
              priceCents: 650,
              description: 'With basil',
              name: 'Tomato soup',
              id: 'i-1',
            },
            {
              imageUrl: bread.imageUrl,
              allergens: ['gluten'],
              priceCents: 300,
              currency: 'EUR',
              description: '',
              name: 'Bread',
              id: 'i-2',
            },
          ],
          name: 'Starters',
          id: 'c-1',
        },
        { name: 'Drinks', id: 'c-2', items: [{ ...wine }] },
      ],
    };
    expect(menuEtag(reordered)).toBe(menuEtag(menu()));
  });

  it('treats an absent image and an undefined one alike, as the JSON body does', () => {
    expect(menuEtag(withItem((i) => ({ ...i, imageUrl: undefined })))).toBe(
      menuEtag(menu()),
    );
  });

  it.each<[string, PublicMenu]>([
    ['a price', withItem((i) => ({ ...i, priceCents: 651 }))],
    ['an item name', withItem((i) => ({ ...i, name: 'Tomato Soup' }))],
    ['a description', withItem((i) => ({ ...i, description: '' }))],
    ['the currency', withItem((i) => ({ ...i, currency: 'GBP' }))],
    [
      'the allergens',
      withItem((i) => ({ ...i, allergens: ['celery', 'milk'] })),
    ],
    ['an image', withItem((i) => ({ ...i, imageUrl: '/api/media/soup.webp' }))],
    [
      'a category name',
      { categories: [{ ...starters, name: 'Small plates' }, drinks] },
    ],
    [
      'item positions',
      { categories: [{ ...starters, items: [bread, soup] }, drinks] },
    ],
    ['category positions', { categories: [drinks, starters] }],
    [
      'an item becoming unavailable',
      { categories: [{ ...starters, items: [soup] }, drinks] },
    ],
    [
      'an item becoming available',
      {
        categories: [
          starters,
          { ...drinks, items: [wine, { ...wine, id: 'i-4' }] },
        ],
      },
    ],
    [
      'an item moving category',
      {
        categories: [
          { ...starters, items: [soup] },
          { ...drinks, items: [bread, wine] },
        ],
      },
    ],
  ])('changes with %s', (_label, changed) => {
    expect(menuEtag(changed)).not.toBe(menuEtag(menu()));
  });

  it('differs between an empty menu and no categories at all', () => {
    expect(menuEtag({ categories: [] })).not.toBe(
      menuEtag({ categories: [{ id: 'c', name: 'x', items: [] }] }),
    );
  });

  it('refuses a document the body could not carry faithfully', () => {
    expect(() =>
      menuEtag(withItem((i) => ({ ...i, priceCents: NaN }))),
    ).toThrow(CanonicalJsonError);
  });
});

describe('ifNoneMatchHits', () => {
  const tag = '"abc"';

  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"xyz", "abc"', true],
    ['"xyz",W/"abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['"ab"', false],
  ])('%j → %s', (header, expected) => {
    expect(ifNoneMatchHits(header, tag)).toBe(expected);
  });
});
