import {
  MenuCategory,
  MenuItem,
  PublicMenu as PublicMenuShape,
  pageOf,
} from '@foyer/contracts';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { expectContract } from './contract';
import { API } from './env';
import { bearer } from './staff';

interface PublicMenu {
  categories: {
    id: string;
    name: string;
    items: {
      id: string;
      name: string;
      priceCents: number;
      currency: string;
      imageUrl?: string;
    }[];
  }[];
}

const staff = (
  token: string,
  method: string,
  path: string,
  body?: object | FormData,
) =>
  fetch(`${API}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': randomUUID(),
      ...(body && !(body instanceof FormData)
        ? { 'Content-Type': 'application/json' }
        : {}),
    },
    body:
      body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });

describe('menu, black box against the built API and the demo seed', () => {
  it('serves the seeded demo menu with a strong ETag and 304', async () => {
    const res = await fetch(`${API}/api/public/venues/demo/menu`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    const etag = res.headers.get('etag') as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const menu = (await res.json()) as PublicMenu;
    expectContract(PublicMenuShape, menu);
    expect(menu.categories.length).toBeGreaterThanOrEqual(3);
    expect(
      menu.categories
        .flatMap((c) => c.items)
        .every((i) => i.currency === 'EUR'),
    ).toBe(true);
    const again = await fetch(`${API}/api/public/venues/demo/menu`, {
      headers: { 'If-None-Match': `W/${etag}` },
    });
    expect(again.status).toBe(304);
  });

  it('lets a manager add an item with a photo that diners see through a signed URL; tampering is refused', async () => {
    const manager = await bearer('manager@demo.foyer.localhost');
    const before = (
      await fetch(`${API}/api/public/venues/demo/menu`)
    ).headers.get('etag');
    const category = (await (
      await staff(manager, 'POST', '/api/staff/menu/categories', {
        name: 'E2E specials',
        position: 99,
      })
    ).json()) as { id: string };
    expectContract(MenuCategory, category);
    const created = await staff(manager, 'POST', '/api/staff/menu/items', {
      categoryId: category.id,
      name: 'E2E tart',
      priceCents: 725,
      allergens: ['gluten'],
    });
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string };
    expectContract(MenuItem, item);

    const form = new FormData();
    const photo = await sharp({
      create: { width: 32, height: 32, channels: 3, background: '#a52' },
    })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'E2E' } } })
      .toBuffer();
    form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'tart.jpg');
    const uploaded = await staff(
      manager,
      'POST',
      `/api/staff/menu/items/${item.id}/image`,
      form,
    );
    expect(uploaded.status).toBe(201);
    const withPhoto: unknown = await uploaded.json();
    expectContract(MenuItem, withPhoto);
    expect(withPhoto).toMatchObject({
      id: item.id,
      imageUrl: expect.stringMatching(/^\/api\/media\//),
    });
    for (const [path, shape] of [
      ['/api/staff/menu/categories', pageOf(MenuCategory)],
      ['/api/staff/menu/items', pageOf(MenuItem)],
    ] as const) {
      const listed = await staff(manager, 'GET', path);
      expect(listed.status).toBe(200);
      expectContract(shape, await listed.json());
    }

    const menuRes = await fetch(`${API}/api/public/venues/demo/menu`, {
      headers: { 'If-None-Match': before ?? '' },
    });
    expect(menuRes.status).toBe(200);
    const menu = (await menuRes.json()) as PublicMenu;
    expectContract(PublicMenuShape, menu);
    const listed = menu.categories
      .flatMap((c) => c.items)
      .find((i) => i.id === item.id);
    expect(listed?.imageUrl).toMatch(/^\/api\/media\//);
    const image = await fetch(`${API}${listed?.imageUrl}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      (await sharp(Buffer.from(await image.arrayBuffer())).metadata()).exif,
    ).toBeUndefined();
    const tampered = await fetch(
      `${API}${listed?.imageUrl?.replace(/exp=(\d+)/, (_m, exp: string) => `exp=${Number(exp) + 60}`)}`,
    );
    expect(tampered.status).toBe(403);
    expect(((await tampered.json()) as { code: string }).code).toBe(
      'SIGNATURE_INVALID',
    );

    const viewer = await bearer('viewer@demo.foyer.localhost');
    expect(
      (
        await staff(viewer, 'PATCH', `/api/staff/menu/items/${item.id}`, {
          priceCents: 1,
        })
      ).status,
    ).toBe(403);

    expect(
      (await staff(manager, 'DELETE', `/api/staff/menu/items/${item.id}`))
        .status,
    ).toBe(204);
    expect(
      (
        await staff(
          manager,
          'DELETE',
          `/api/staff/menu/categories/${category.id}`,
        )
      ).status,
    ).toBe(204);
    expect((await fetch(`${API}${listed?.imageUrl}`)).status).toBe(404);
  });
});
