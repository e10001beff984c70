import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { seedStaff, staffAs } from '@foyer/api/auth/testing';
import { TenantContext } from '@foyer/api/platform/database';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { DEMO_MENU, seedDemoMenu } from './demo-menu';
import { MenuModule } from './menu.module';

const binary = (
  res: request.Response,
  callback: (error: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('menu (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let mediaDir: string;
  const http = () => request(app.getHttpServer());
  let tokens: Record<string, string>;
  let tenants: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    mediaDir = await mkdtemp(join(tmpdir(), 'foyer-media-'));
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, MenuModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        STAFF_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '1000',
        MEDIA_STORAGE_DIR: mediaDir,
      },
    });
    ({ tenants, tokens } = await seedStaff(app, {
      alpha: ['manager', 'host', 'kitchen', 'viewer'],
      bravo: ['manager'],
    }));
    manager = as('manager@alpha');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const as = (who: string) => {
    const staff = staffAs(app, tokens[who]);
    return {
      ...staff,
      upload: (
        itemId: string,
        data: Buffer,
        filename = 'photo.jpg',
        contentType = 'image/jpeg',
      ) =>
        staff
          .post(`/api/staff/menu/items/${itemId}/image`)
          .attach('file', data, { filename, contentType }),
    };
  };
  let manager: ReturnType<typeof as>;

  async function newItem(who = 'manager@alpha', overrides: object = {}) {
    const category = (
      await as(who)
        .post('/api/staff/menu/categories', {
          name: `Cat ${randomUUID().slice(0, 8)}`,
        })
        .expect(201)
    ).body;
    const item = (
      await as(who)
        .post('/api/staff/menu/items', {
          categoryId: category.id,
          name: 'Soup',
          priceCents: 650,
          ...overrides,
        })
        .expect(201)
    ).body;
    return { category, item };
  }

  describe('staff CRUD', () => {
    it('creates, reads, lists, edits and deletes categories and items', async () => {
      const category = (
        await manager
          .post('/api/staff/menu/categories', {
            name: '  Starters ',
            position: 1,
          })
          .expect(201)
      ).body;
      expect(category).toEqual({
        id: expect.any(String),
        name: 'Starters',
        position: 1,
      });
      const item = (
        await manager
          .post('/api/staff/menu/items', {
            categoryId: category.id,
            name: 'Tomato soup',
            description: 'With basil',
            priceCents: 650,
            allergens: ['celery', ' milk '],
          })
          .expect(201)
      ).body;
      expect(item).toEqual({
        id: expect.any(String),
        categoryId: category.id,
        name: 'Tomato soup',
        description: 'With basil',
        priceCents: 650,
        currency: 'EUR',
        allergens: ['celery', 'milk'],
        available: true,
        position: 0,
        imageUrl: null,
      });
      await manager.get(`/api/staff/menu/items/${item.id}`).expect(200, item);
      const updated = await manager
        .patch(`/api/staff/menu/items/${item.id}`, {
          priceCents: 700,
          available: false,
        })
        .expect(200);
      expect(updated.body).toMatchObject({
        priceCents: 700,
        available: false,
        name: 'Tomato soup',
        allergens: ['celery', 'milk'],
      });
      const renamed = await manager
        .patch(`/api/staff/menu/categories/${category.id}`, {
          name: 'Small plates',
        })
        .expect(200);
      expect(renamed.body).toEqual({ ...category, name: 'Small plates' });

      const items = await manager
        .get(`/api/staff/menu/items?categoryId=${category.id}`)
        .expect(200);
      expect(items.body).toEqual({
        items: [expect.objectContaining({ id: item.id })],
        nextCursor: null,
      });

      const conflict = await manager
        .delete(`/api/staff/menu/categories/${category.id}`)
        .expect(409);
      expect(conflict.body.code).toBe('CONFLICT');
      await manager.delete(`/api/staff/menu/items/${item.id}`).expect(204);
      await manager.get(`/api/staff/menu/items/${item.id}`).expect(404);
      await manager
        .delete(`/api/staff/menu/categories/${category.id}`)
        .expect(204);
      await manager
        .get(`/api/staff/menu/categories/${category.id}`)
        .expect(404);
    });

    it('pages categories in position order with a cursor', async () => {
      const bravo = as('manager@bravo');
      for (const position of [3, 1, 2]) {
        await bravo
          .post('/api/staff/menu/categories', {
            name: `P${position}`,
            position,
          })
          .expect(201);
      }
      const first = await bravo
        .get('/api/staff/menu/categories?limit=2')
        .expect(200);
      expect(first.body.items.map((c: { name: string }) => c.name)).toEqual([
        'P1',
        'P2',
      ]);
      const second = await bravo
        .get(
          `/api/staff/menu/categories?limit=2&cursor=${first.body.nextCursor}`,
        )
        .expect(200);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ name: 'P3' })],
        nextCursor: null,
      });
      await bravo.get('/api/staff/menu/categories?limit=101').expect(400);
    });

    it.each<[string, object]>([
      ['an unknown field', { tenantId: randomUUID() }],
      ['a negative price', { priceCents: -1 }],
      ['a fractional price', { priceCents: 1.5 }],
      ['a price beyond the ceiling', { priceCents: 10_000_001 }],
      ['a price as a string', { priceCents: '650' }],
      ['a lowercase currency', { currency: 'eur' }],
      ['a four-letter currency', { currency: 'EURO' }],
      ['a long name', { name: 'x'.repeat(121) }],
      ['an empty name', { name: '   ' }],
      ['a long description', { description: 'x'.repeat(501) }],
      [
        '15 allergens',
        { allergens: Array.from({ length: 15 }, (_, i) => `a${i}`) },
      ],
      ['a long allergen', { allergens: ['x'.repeat(41)] }],
      ['duplicate allergens', { allergens: ['milk', 'milk'] }],
      ['an allergen that is not a string', { allergens: [1] }],
      ['an image key', { imageKey: 'abc.webp' }],
    ])('refuses %s with 400 VALIDATION_FAILED', async (_label, change) => {
      const category = (
        await manager
          .post('/api/staff/menu/categories', { name: 'Validation' })
          .expect(201)
      ).body;
      const res = await manager
        .post('/api/staff/menu/items', {
          categoryId: category.id,
          name: 'Soup',
          priceCents: 650,
          ...change,
        })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a category name over 80 characters', async () => {
      await manager
        .post('/api/staff/menu/categories', { name: 'x'.repeat(81) })
        .expect(400);
    });
  });

  describe('permissions and tenant isolation', () => {
    it.each(['host@alpha', 'kitchen@alpha', 'viewer@alpha'])(
      '%s reads the menu but cannot change it',
      async (who) => {
        const { category, item } = await newItem();
        const staff = as(who);
        await staff.get('/api/staff/menu/categories').expect(200);
        await staff.get(`/api/staff/menu/items/${item.id}`).expect(200);
        for (const res of [
          await staff.post('/api/staff/menu/categories', { name: 'Nope' }),
          await staff.patch(`/api/staff/menu/categories/${category.id}`, {
            name: 'Nope',
          }),
          await staff.delete(`/api/staff/menu/categories/${category.id}`),
          await staff.post('/api/staff/menu/items', {
            categoryId: category.id,
            name: 'Nope',
            priceCents: 1,
          }),
          await staff.patch(`/api/staff/menu/items/${item.id}`, {
            priceCents: 1,
          }),
          await staff.delete(`/api/staff/menu/items/${item.id}`),
          await staff.upload(
            item.id,
            await sharp({
              create: { width: 8, height: 8, channels: 3, background: '#fff' },
            })
              .jpeg()
              .toBuffer(),
          ),
        ]) {
          expect({ status: res.status, code: res.body.code }).toEqual({
            status: 403,
            code: 'FORBIDDEN',
          });
        }
        await manager.get(`/api/staff/menu/items/${item.id}`).expect(200, item);
      },
    );

    it('refuses anonymous callers', async () => {
      await http().get('/api/staff/menu/items').expect(401);
    });

    it("answers 404 for another tenant's categories and items, and never moves an item into them", async () => {
      const { category, item } = await newItem('manager@bravo');
      const paths = [
        `/api/staff/menu/categories/${category.id}`,
        `/api/staff/menu/items/${item.id}`,
      ];
      for (const path of paths) {
        await manager.get(path).expect(404);
        await manager.patch(path, { name: 'Stolen' }).expect(404);
        await manager.delete(path).expect(404);
      }
      await manager
        .upload(
          item.id,
          await sharp({
            create: { width: 8, height: 8, channels: 3, background: '#fff' },
          })
            .jpeg()
            .toBuffer(),
        )
        .expect(404);
      await manager.get('/api/staff/menu/items/not-a-uuid').expect(404);
      const own = await newItem();
      const moved = await manager
        .patch(`/api/staff/menu/items/${own.item.id}`, {
          categoryId: category.id,
        })
        .expect(400);
      expect(moved.body.errors).toEqual([
        { field: 'categoryId', message: 'does not exist' },
      ]);
      await manager
        .post('/api/staff/menu/items', {
          categoryId: category.id,
          name: 'x',
          priceCents: 1,
        })
        .expect(400);
      const list = await manager
        .get('/api/staff/menu/items?limit=100')
        .expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(
        item.id,
      );
      await as('manager@bravo').get(paths[1]).expect(200);
    });

    it('audits every change without content', async () => {
      const { item } = await newItem();
      await manager
        .patch(`/api/staff/menu/items/${item.id}`, { name: 'Secret recipe' })
        .expect(200);
      const rows = await app
        .get(TenantContext)
        .run(tenants['alpha'], (m) =>
          m.query(
            `SELECT action, metadata FROM audit_event WHERE target_id = $1 ORDER BY seq`,
            [item.id],
          ),
        );
      expect(rows.map((r: { action: string }) => r.action)).toEqual([
        'menu.item.created',
        'menu.item.updated',
      ]);
      expect(JSON.stringify(rows)).not.toContain('Secret recipe');
    });
  });

  describe('public menu', () => {
    const menuOf = (slug: string) =>
      http().get(`/api/public/venues/${slug}/menu`);

    it('shows available items only, in position order, with a strong ETag and 304s', async () => {
      const bravo = as('manager@bravo');
      const drinks = (
        await bravo
          .post('/api/staff/menu/categories', { name: 'Drinks', position: 20 })
          .expect(201)
      ).body;
      const mains = (
        await bravo
          .post('/api/staff/menu/categories', { name: 'Mains', position: 10 })
          .expect(201)
      ).body;
      const stew = (
        await bravo
          .post('/api/staff/menu/items', {
            categoryId: mains.id,
            name: 'Stew',
            priceCents: 1400,
            position: 2,
            allergens: ['celery'],
          })
          .expect(201)
      ).body;
      await bravo
        .post('/api/staff/menu/items', {
          categoryId: mains.id,
          name: 'Pie',
          priceCents: 1200,
          position: 1,
        })
        .expect(201);
      await bravo
        .post('/api/staff/menu/items', {
          categoryId: mains.id,
          name: 'Hidden',
          priceCents: 1,
          available: false,
        })
        .expect(201);
      await bravo
        .post('/api/staff/menu/items', {
          categoryId: drinks.id,
          name: 'Water',
          priceCents: 0,
          currency: 'GBP',
        })
        .expect(201);

      const res = await menuOf('bravo').expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=30');
      expect(res.headers['etag']).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      const mainsView = res.body.categories.find(
        (c: { id: string }) => c.id === mains.id,
      );
      expect(mainsView.items.map((i: { name: string }) => i.name)).toEqual([
        'Pie',
        'Stew',
      ]);
      expect(mainsView.items[1]).toEqual({
        id: stew.id,
        name: 'Stew',
        description: '',
        priceCents: 1400,
        currency: 'EUR',
        allergens: ['celery'],
      });
      const names = res.body.categories.map((c: { name: string }) => c.name);
      expect(names.indexOf('Mains')).toBeLessThan(names.indexOf('Drinks'));
      expect(JSON.stringify(res.body)).not.toContain('Hidden');

      const etag = res.headers['etag'];
      const notModified = await menuOf('bravo')
        .set('If-None-Match', etag)
        .expect(304);
      expect(notModified.headers['etag']).toBe(etag);
      expect(notModified.text).toBe('');
      await menuOf('bravo')
        .set('If-None-Match', `"other", W/${etag}`)
        .expect(304);
      await menuOf('bravo').set('If-None-Match', '"other"').expect(200);

      await bravo
        .patch(`/api/staff/menu/items/${stew.id}`, { priceCents: 1450 })
        .expect(200);
      const changed = await menuOf('bravo')
        .set('If-None-Match', etag)
        .expect(200);
      expect(changed.headers['etag']).not.toBe(etag);
      await bravo
        .patch(`/api/staff/menu/items/${stew.id}`, { available: false })
        .expect(200);
      const hidden = await menuOf('bravo').expect(200);
      expect(hidden.headers['etag']).not.toBe(changed.headers['etag']);
      expect(JSON.stringify(hidden.body)).not.toContain(stew.id);
    });

    it('answers 404 for an unknown venue', async () => {
      const res = await menuOf('no-such-venue').expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await menuOf('Not_A_Slug').expect(404);
    });
  });

  describe('demo seed', () => {
    it('seeds the demo menu once, visible on the public menu', async () => {
      const tenant = await createTenantRow(app, 'seeded');
      await app.get(TenantContext).run(tenant, (m) => seedDemoMenu(m, tenant));
      await app.get(TenantContext).run(tenant, (m) => seedDemoMenu(m, tenant));
      const res = await http()
        .get('/api/public/venues/seeded/menu')
        .expect(200);
      expect(res.body.categories.map((c: { name: string }) => c.name)).toEqual(
        DEMO_MENU.map((c) => c.name),
      );
      const items = res.body.categories.flatMap(
        (c: { items: { currency: string }[] }) => c.items,
      );
      expect(items).toHaveLength(12);
      expect(
        new Set(items.map((i: { currency: string }) => i.currency)),
      ).toEqual(new Set(['EUR']));
    });
  });

  describe('images', () => {
    const photo = () =>
      sharp({
        create: { width: 64, height: 48, channels: 3, background: '#c33' },
      })
        .jpeg()
        .withMetadata({
          orientation: 6,
          exif: { IFD0: { Copyright: 'Chef', Artist: 'Someone' } },
        })
        .toBuffer();

    const fetchMedia = (url: string) =>
      http().get(url).buffer(true).parse(binary);

    it('re-encodes a good image without metadata, serves it signed, and replaces it', async () => {
      const original = await photo();
      expect((await sharp(original).metadata()).exif).toBeDefined();
      const { item } = await newItem();
      const res = await manager.upload(item.id, original).expect(201);
      expect(res.body.imageUrl).toMatch(
        /^\/api\/media\/[A-Za-z0-9_-]{24}\.webp\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/,
      );
      const media = await fetchMedia(res.body.imageUrl).expect(200);
      expect(media.headers['content-type']).toBe('image/webp');
      expect(media.headers['x-content-type-options']).toBe('nosniff');
      expect(media.headers['content-disposition']).toBe('inline');
      const exp = Number(
        new URL(res.body.imageUrl, 'http://x').searchParams.get('exp'),
      );
      const maxAge = Number(
        /max-age=(\d+)/.exec(media.headers['cache-control'])?.[1],
      );
      expect(maxAge).toBeGreaterThan(0);
      expect(maxAge).toBeLessThanOrEqual(
        exp - Math.floor(Date.now() / 1000) + 1,
      );
      const stored = await sharp(media.body as Buffer).metadata();
      expect(stored).toMatchObject({ format: 'webp', width: 48, height: 64 }); // EXIF orientation applied
      expect(stored.exif).toBeUndefined();
      expect((media.body as Buffer).includes(Buffer.from('Someone'))).toBe(
        false,
      );

      const files = await readdir(mediaDir);
      const replaced = await manager
        .upload(
          item.id,
          await sharp({
            create: { width: 10, height: 10, channels: 4, background: '#00f8' },
          })
            .png()
            .toBuffer(),
          'x.png',
          'image/png',
        )
        .expect(201);
      expect(replaced.body.imageUrl).not.toBe(res.body.imageUrl);
      const after = await readdir(mediaDir);
      expect(after.length).toBe(files.length); // the old file is gone, the new one is there
      await fetchMedia(res.body.imageUrl).expect(404);

      const publicMenu = await http()
        .get('/api/public/venues/alpha/menu')
        .expect(200);
      const listed = publicMenu.body.categories.flatMap(
        (c: { items: { id: string; imageUrl?: string }[] }) => c.items,
      );
      expect(
        listed.find((i: { id: string }) => i.id === item.id).imageUrl,
      ).toBe(replaced.body.imageUrl);

      await manager.delete(`/api/staff/menu/items/${item.id}`).expect(204);
      expect((await readdir(mediaDir)).length).toBe(files.length - 1);
    });

    it.each<[string, () => Promise<Buffer>, string, string, number, string]>([
      [
        'wrong magic bytes with a .jpg name',
        async () => Buffer.from('GIF89a not really a photo'),
        'cat.jpg',
        'image/jpeg',
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'an SVG with script',
        async () =>
          Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
          ),
        'logo.png',
        'image/svg+xml',
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'HTML',
        async () => Buffer.from('<!doctype html><script>alert(1)</script>'),
        'a.webp',
        'image/webp',
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a GIF',
        () =>
          sharp({
            create: { width: 4, height: 4, channels: 3, background: '#000' },
          })
            .gif()
            .toBuffer(),
        'a.gif',
        'image/gif',
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a truncated JPEG',
        async () => (await photo()).subarray(0, 200),
        'a.jpg',
        'image/jpeg',
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a pixel flood (10000×10000 solid PNG)',
        () =>
          sharp({
            create: {
              width: 10_000,
              height: 10_000,
              channels: 3,
              background: '#fff',
            },
          })
            .png({ compressionLevel: 9 })
            .toBuffer(),
        'flood.png',
        'image/png',
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'a file over 2 MiB',
        async () =>
          Buffer.concat([
            Buffer.from([0xff, 0xd8, 0xff]),
            Buffer.alloc(2 * 1024 * 1024),
          ]),
        'big.jpg',
        'image/jpeg',
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ])(
      'refuses %s',
      async (_label, make, filename, contentType, status, code) => {
        const { item } = await newItem();
        const before = await readdir(mediaDir);
        const data = await make();
        const res = await manager.upload(item.id, data, filename, contentType);
        expect({ status: res.status, code: res.body.code }).toEqual({
          status,
          code,
        });
        expect(await readdir(mediaDir)).toEqual(before);
        await manager
          .get(`/api/staff/menu/items/${item.id}`)
          .expect(200)
          .expect((r) => expect(r.body.imageUrl).toBeNull());
      },
      30_000,
    );

    it('refuses a body that is not multipart and a multipart without the file', async () => {
      const { item } = await newItem();
      const json = await manager.post(
        `/api/staff/menu/items/${item.id}/image`,
        { file: 'x' },
      );
      expect({ status: json.status, code: json.body.code }).toEqual({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      const other = await manager
        .post(`/api/staff/menu/items/${item.id}/image`)
        .attach('picture', await photo(), 'a.jpg');
      expect(other.status).toBe(400);
    });

    it('refuses tampered, expired and traversing media URLs with 403 SIGNATURE_INVALID', async () => {
      const { item } = await newItem();
      const url = new URL(
        (await manager.upload(item.id, await photo()).expect(201)).body
          .imageUrl,
        'http://x',
      );
      const key = url.pathname.split('/').pop() as string;
      const exp = url.searchParams.get('exp') as string;
      const sig = url.searchParams.get('sig') as string;
      await fetchMedia(`/api/media/${key}?exp=${exp}&sig=${sig}`).expect(200);
      const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
      for (const bad of [
        `/api/media/${key}?exp=${exp}&sig=${flipped}`,
        `/api/media/${key}?exp=${Number(exp) + 3600}&sig=${sig}`,
        `/api/media/${key}?exp=${exp}`,
        `/api/media/${key}`,
        `/api/media/${key}?exp=1&sig=${sig}`,
        `/api/media/${key}?exp=${exp}&sig=${sig}&sig=${sig}`,
        `/api/media/${key.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}?exp=${exp}&sig=${sig}`,
        `/api/media/..%2F..%2Fetc%2Fpasswd?exp=${exp}&sig=${sig}`,
      ]) {
        const res = await http().get(bad);
        expect({ bad, status: res.status, code: res.body.code }).toEqual({
          bad,
          status: 403,
          code: 'SIGNATURE_INVALID',
        });
      }
    });
  });
});

describe('public menu rate limit (real Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, {
      imports: [AuditModule, AuthModule, MenuModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: { PUBLIC_READ_RATE_LIMIT_PER_MINUTE: '5' },
    });
    await createTenantRow(app, 'limited');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 429 RATE_LIMITED with Retry-After past the per-IP limit', async () => {
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await request(app.getHttpServer()).get(
        '/api/public/venues/limited/menu',
      );
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(limited?.body.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
