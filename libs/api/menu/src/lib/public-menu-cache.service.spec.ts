import type { PublicMenu } from '@foyer/contracts';
import { menuEtag } from './menu-etag';
import { PublicMenuCache } from './public-menu-cache.service';

const menu = (name: string): PublicMenu => ({
  categories: [{ id: 'c1', name, items: [] }],
});

describe('PublicMenuCache', () => {
  afterEach(() => jest.useRealTimers());

  it('serves one build to concurrent readers and keeps it for the TTL', async () => {
    const cache = new PublicMenuCache();
    let builds = 0;
    const build = async () => {
      builds += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return { tenantId: 't1', menu: menu('Drinks') };
    };
    const all = await Promise.all(
      Array.from({ length: 20 }, () => cache.get('demo', build)),
    );
    expect(builds).toBe(1);
    expect(all[0]).toEqual({
      tenantId: 't1',
      body: JSON.stringify(menu('Drinks')),
      etag: menuEtag(menu('Drinks')),
      expiresAt: expect.any(Number),
    });
    await cache.get('demo', build);
    expect(builds).toBe(1);
  });

  it('builds again after the TTL and at once after a change in that tenant only', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = new PublicMenuCache();
    let name = 'Drinks';
    const builds: string[] = [];
    const build = (slug: string, tenantId: string) => async () => {
      builds.push(slug);
      return { tenantId, menu: menu(name) };
    };
    await cache.get('demo', build('demo', 't1'));
    await cache.get('other', build('other', 't2'));
    name = 'Wines';
    cache.invalidate('t1');
    expect((await cache.get('demo', build('demo', 't1'))).etag).toBe(
      menuEtag(menu('Wines')),
    );
    await cache.get('other', build('other', 't2'));
    expect(builds).toEqual(['demo', 'other', 'demo']);
    jest.setSystemTime(1_000_000 + PublicMenuCache.TTL_MS + 1);
    await cache.get('other', build('other', 't2'));
    expect(builds).toEqual(['demo', 'other', 'demo', 'other']);
  });

  it('caches nothing when the build fails (unknown venue)', async () => {
    const cache = new PublicMenuCache();
    const fail = async () => {
      throw new Error('not found');
    };
    await expect(cache.get('nope', fail)).rejects.toThrow('not found');
    await expect(cache.get('nope', fail)).rejects.toThrow('not found');
  });
});
