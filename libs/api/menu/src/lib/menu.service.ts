import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, Page, PublicMenu } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { TenantContext } from '@foyer/api/platform/database';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { definedFields } from '@foyer/api/platform/http';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
} from '@foyer/api/platform/paging';
import { TenantDirectory } from '@foyer/api/tenants';
import type { Request } from 'express';
import {
  CategoryView,
  CreateCategoryDto,
  CreateItemDto,
  ItemQueryDto,
  ItemView,
  UpdateCategoryDto,
  UpdateItemDto,
} from './dto/menu.dto';
import { processImage } from './media/image';
import { MediaStorage, newMediaKey } from './media/media-storage';
import { signMediaUrl } from './media/media-url';
import { MenuAudit } from './menu-audit.service';
import { MenuCategory } from './menu-category.mapper';
import {
  MenuCategoryRepository,
  PositionKey,
} from './menu-category.repository';
import { MenuItem } from './menu-item.mapper';
import { MenuItemRepository } from './menu-item.repository';

const POSITION_CURSOR = /^\d{1,6}:[0-9a-f-]{36}$/;

/** Keyset paging in (position, id) order, the order the menu is shown in. */
async function pageBy<T extends { id: string; position: number }>(
  fetch: (after: PositionKey | null, limit: number) => Promise<T[]>,
  query: { cursor?: string; limit?: number },
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  let after: PositionKey | null = null;
  if (query.cursor !== undefined) {
    const decoded = decodeCursor(query.cursor, POSITION_CURSOR);
    if (decoded === undefined) {
      return { rows: [], nextCursor: null };
    }
    const [position, id] = decoded.split(':');
    after = { position: Number(position), id };
  }
  const rows = await fetch(after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > limit ? encodeCursor(`${last.position}:${last.id}`) : null,
  };
}

/** Menu categories and items of the current tenant, through their repositories. */
@Injectable()
export class MenuService {
  private readonly logger = new Logger(MenuService.name);

  constructor(
    private readonly context: TenantContext,
    private readonly categories: MenuCategoryRepository,
    private readonly items: MenuItemRepository,
    private readonly directory: TenantDirectory,
    private readonly audit: MenuAudit,
    @Inject(MediaStorage) private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  categoryView = (c: MenuCategory): CategoryView => ({
    id: c.id,
    name: c.name,
    position: c.position,
  });

  itemView = (i: MenuItem, now = new Date()): ItemView => ({
    id: i.id,
    categoryId: i.categoryId,
    name: i.name,
    description: i.description,
    priceCents: i.priceCents,
    currency: i.currency,
    allergens: i.allergens,
    available: i.available,
    position: i.position,
    imageUrl: i.imageKey
      ? signMediaUrl(this.config.MEDIA_SIGNING_KEY, i.imageKey, now)
      : null,
  });

  async listCategories(query: {
    cursor?: string;
    limit?: number;
  }): Promise<Page<CategoryView>> {
    const { rows, nextCursor } = await pageBy(
      (after, limit) => this.categories.page(after, limit),
      query,
    );
    return { items: rows.map(this.categoryView), nextCursor };
  }

  async category(id: string): Promise<MenuCategory> {
    const category = await this.categories.find(id);
    if (!category) {
      throw notFound('No menu category has this id.');
    }
    return category;
  }

  async createCategory(body: CreateCategoryDto): Promise<MenuCategory> {
    return this.categories.insert({
      name: body.name,
      position: body.position ?? 0,
    });
  }

  async updateCategory(
    id: string,
    body: UpdateCategoryDto,
  ): Promise<MenuCategory> {
    await this.category(id);
    const category = await this.categories.update(id, definedFields(body));
    if (!category) {
      throw notFound('No menu category has this id.');
    }
    return category;
  }

  async deleteCategory(id: string): Promise<void> {
    await this.category(id);
    if (await this.items.inCategory(id)) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        'This category has items; move or delete them first.',
      );
    }
    await this.categories.delete(id);
  }

  async listItems(query: ItemQueryDto): Promise<Page<ItemView>> {
    const { rows, nextCursor } = await pageBy(
      (after, limit) => this.items.page(query.categoryId || null, after, limit),
      query,
    );
    const now = new Date();
    return { items: rows.map((row) => this.itemView(row, now)), nextCursor };
  }

  async item(id: string): Promise<MenuItem> {
    const item = await this.items.find(id);
    if (!item) {
      throw notFound('No menu item has this id.');
    }
    return item;
  }

  async createItem(body: CreateItemDto): Promise<MenuItem> {
    await this.requireCategory(body.categoryId);
    return this.items.insert({
      categoryId: body.categoryId,
      name: body.name,
      description: body.description ?? '',
      priceCents: body.priceCents,
      currency: body.currency ?? (await this.directory.current()).currency,
      allergens: body.allergens ?? [],
      available: body.available ?? true,
      position: body.position ?? 0,
      imageKey: null,
    });
  }

  async updateItem(id: string, body: UpdateItemDto): Promise<MenuItem> {
    const item = await this.item(id);
    if (body.categoryId !== undefined && body.categoryId !== item.categoryId) {
      await this.requireCategory(body.categoryId);
    }
    return this.changed(await this.items.update(id, definedFields(body)));
  }

  /** Deletes the row; returns its image key so the caller removes the file after commit. */
  async deleteItem(id: string): Promise<string | null> {
    const item = await this.item(id);
    if ((await this.items.delete(id)) === 'referenced') {
      throw new DomainError(
        ErrorCode.CONFLICT,
        'Orders refer to this item; mark it unavailable instead.',
      );
    }
    return item.imageKey;
  }

  /** Points the item at a new image; returns the previous key for removal after commit. */
  async setImage(
    id: string,
    key: string,
  ): Promise<{ item: MenuItem; previous: string | null }> {
    const item = await this.item(id);
    const previous = item.imageKey;
    return {
      item: this.changed(await this.items.update(id, { imageKey: key })),
      previous,
    };
  }

  /** DELETE of an item in its own transaction; the image file goes only after the commit. */
  async removeItem(tenantId: string, id: string, req: Request): Promise<void> {
    const imageKey = await this.context.run(tenantId, async () => {
      const key = await this.deleteItem(id);
      await this.audit.record(req, 'menu.item.deleted', 'menu_item', id);
      return key;
    });
    if (imageKey) {
      await this.discard(imageKey);
    }
  }

  /**
   * Re-encodes and stores an uploaded image, then points the item at it in a second
   * transaction; the previous file goes only after that commits, the new one if it fails.
   */
  async replaceImage(
    tenantId: string,
    id: string,
    upload: Buffer,
    req: Request,
  ): Promise<ItemView> {
    // 404 before spending CPU on someone else's (or no) item.
    await this.context.run(tenantId, () => this.item(id));
    const image = await processImage(upload);
    const key = newMediaKey(image.extension);
    await this.storage.put(key, image.data);
    let result: { view: ItemView; previous: string | null };
    try {
      result = await this.context.run(tenantId, async () => {
        const { item, previous } = await this.setImage(id, key);
        await this.audit.record(
          req,
          'menu.item.image_replaced',
          'menu_item',
          id,
          {
            bytes: image.data.length,
            width: image.width,
            height: image.height,
          },
        );
        return { view: this.itemView(item), previous };
      });
    } catch (error) {
      await this.discard(key);
      throw error;
    }
    // Only after the new key is committed: the old file is no longer referenced.
    if (result.previous) {
      await this.discard(result.previous);
    }
    return result.view;
  }

  /** The public document: available items only, categories and items in position order. */
  async publicMenu(now = new Date()): Promise<PublicMenu> {
    const categories = await this.categories.all();
    const items = await this.items.available();
    return {
      categories: categories
        .map((category) => ({
          id: category.id,
          name: category.name,
          items: items
            .filter((item) => item.categoryId === category.id)
            .map((item) => ({
              id: item.id,
              name: item.name,
              description: item.description,
              priceCents: item.priceCents,
              currency: item.currency,
              allergens: item.allergens,
              ...(item.imageKey
                ? {
                    imageUrl: signMediaUrl(
                      this.config.MEDIA_SIGNING_KEY,
                      item.imageKey,
                      now,
                    ),
                  }
                : {}),
            })),
        }))
        .filter((category) => category.items.length > 0),
    };
  }

  private async requireCategory(categoryId: string): Promise<void> {
    if (!(await this.categories.exists(categoryId))) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'The request is not valid.',
        {
          errors: [{ field: 'categoryId', message: 'does not exist' }],
        },
      );
    }
  }

  private changed(item: MenuItem | null): MenuItem {
    if (!item) {
      throw notFound('No menu item has this id.');
    }
    return item;
  }

  /** A file left behind is garbage, not an error the caller can act on: log and go on. */
  private async discard(key: string): Promise<void> {
    try {
      await this.storage.delete(key);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'could not delete an unreferenced media file',
      );
    }
  }
}
