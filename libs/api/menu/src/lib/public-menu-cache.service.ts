import { Injectable } from '@nestjs/common';
import type { PublicMenu } from '@foyer/contracts';
import { menuEtag } from './menu-etag';

/** A venue's public menu, serialised once with its tag. */
export interface CachedMenu {
  tenantId: string;
  body: string;
  etag: string;
}

interface Entry extends CachedMenu {
  expiresAt: number;
}

/**
 * The public menu is read by every diner's phone and changes a few times a day, so each
 * API instance keeps each venue's serialised document and ETag for a second. A change
 * made through this instance drops the entry at once; other instances serve the old
 * document for at most `TTL_MS` (well inside the `max-age=30` browsers may cache it).
 * Concurrent misses share one build. Only venues that exist are cached, so unknown slugs
 * cannot grow the map.
 */
@Injectable()
export class PublicMenuCache {
  static readonly TTL_MS = 1000;
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<CachedMenu>>();

  async get(
    slug: string,
    build: () => Promise<{ tenantId: string; menu: PublicMenu }>,
  ): Promise<CachedMenu> {
    const hit = this.entries.get(slug);
    if (hit && hit.expiresAt > Date.now()) {
      return hit;
    }
    const pending = this.building.get(slug);
    if (pending) {
      return pending;
    }
    const started = Date.now();
    const work = build()
      .then(({ tenantId, menu }) => {
        const entry: Entry = {
          tenantId,
          body: JSON.stringify(menu),
          etag: menuEtag(menu),
          expiresAt: started + PublicMenuCache.TTL_MS,
        };
        this.entries.set(slug, entry);
        return entry;
      })
      .finally(() => this.building.delete(slug));
    this.building.set(slug, work);
    return work;
  }

  /** After a menu change in this tenant: the next read builds afresh. */
  invalidate(tenantId: string): void {
    for (const [slug, entry] of this.entries) {
      if (entry.tenantId === tenantId) {
        this.entries.delete(slug);
      }
    }
  }
}
