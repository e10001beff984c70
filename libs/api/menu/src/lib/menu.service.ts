import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, Page } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  DEFAULT_PAGE_SIZE,
  DomainError,
  TenantContext,
  decodeCursor,
  definedFields,
  encodeCursor,
  notFound,
} from '@foyer/api/platform';
import { Tenant } from '@foyer/api/tenants';
import { SelectQueryBuilder } from 'typeorm';
import {
  CategoryView,
  CreateCategoryDto,
  CreateItemDto,
  ItemQueryDto,
  ItemView,
  UpdateCategoryDto,
  UpdateItemDto,
} from './dto/menu.dto';
import { MenuCategory } from './entities/menu-category.entity';
import { MenuItem } from './entities/menu-item.entity';
import { PublicMenu } from './menu-etag';
import { signMediaUrl } from './media/media-url';

const POSITION_CURSOR = /^\d{1,6}:[0-9a-f-]{36}$/;
const FOREIGN_KEY_VIOLATION = '23503';

/** Keyset paging in (position, id) order, the order the menu is shown in. */
async function pageBy<T extends { id: string; position: number }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: { cursor?: string; limit?: number },
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor, POSITION_CURSOR);
    if (after === undefined) {
      return { rows: [], nextCursor: null };
    }
    const [position, id] = after.split(':');
    qb.andWhere(`(${alias}.position, ${alias}.id) > (:position, :id)`, {
      position: Number(position),
      id,
    });
  }
  const rows = await qb
    .orderBy(`${alias}.position`)
    .addOrderBy(`${alias}.id`)
    .limit(limit + 1)
    .getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > limit ? encodeCursor(`${last.position}:${last.id}`) : null,
  };
}

/** Menu categories and items of the current tenant (every query under row-level security). */
@Injectable()
export class MenuService {
  constructor(
    private readonly context: TenantContext,
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
      this.context.manager.createQueryBuilder(MenuCategory, 'c'),
      'c',
      query,
    );
    return { items: rows.map(this.categoryView), nextCursor };
  }

  async category(id: string): Promise<MenuCategory> {
    const category = await this.context.manager.findOneBy(MenuCategory, { id });
    if (!category) {
      throw notFound('No menu category has this id.');
    }
    return category;
  }

  async createCategory(body: CreateCategoryDto): Promise<MenuCategory> {
    const category = this.context.manager.create(MenuCategory, {
      name: body.name,
      position: body.position ?? 0,
      tenantId: this.tenantId(),
    });
    return this.context.manager.save(category);
  }

  async updateCategory(
    id: string,
    body: UpdateCategoryDto,
  ): Promise<MenuCategory> {
    const category = await this.category(id);
    Object.assign(category, definedFields(body));
    return this.context.manager.save(category);
  }

  async deleteCategory(id: string): Promise<void> {
    await this.category(id);
    const [{ used }] = (await this.context.manager.query(
      'SELECT EXISTS (SELECT 1 FROM menu_item WHERE category_id = $1) AS used',
      [id],
    )) as { used: boolean }[];
    if (used) {
      throw new DomainError(
        409,
        ErrorCode.CONFLICT,
        'This category has items; move or delete them first.',
      );
    }
    await this.context.manager.delete(MenuCategory, { id });
  }

  async listItems(query: ItemQueryDto): Promise<Page<ItemView>> {
    const qb = this.context.manager.createQueryBuilder(MenuItem, 'i');
    if (query.categoryId) {
      qb.where('i.category_id = :categoryId', { categoryId: query.categoryId });
    }
    const { rows, nextCursor } = await pageBy(qb, 'i', query);
    const now = new Date();
    return { items: rows.map((row) => this.itemView(row, now)), nextCursor };
  }

  async item(id: string): Promise<MenuItem> {
    const item = await this.context.manager.findOneBy(MenuItem, { id });
    if (!item) {
      throw notFound('No menu item has this id.');
    }
    return item;
  }

  async createItem(body: CreateItemDto): Promise<MenuItem> {
    await this.requireCategory(body.categoryId);
    const item = this.context.manager.create(MenuItem, {
      categoryId: body.categoryId,
      name: body.name,
      description: body.description ?? '',
      priceCents: body.priceCents,
      currency: body.currency ?? (await this.venueCurrency()),
      allergens: body.allergens ?? [],
      available: body.available ?? true,
      position: body.position ?? 0,
      imageKey: null,
      tenantId: this.tenantId(),
    });
    return this.context.manager.save(item);
  }

  async updateItem(id: string, body: UpdateItemDto): Promise<MenuItem> {
    const item = await this.item(id);
    if (body.categoryId !== undefined && body.categoryId !== item.categoryId) {
      await this.requireCategory(body.categoryId);
    }
    Object.assign(item, definedFields(body));
    return this.context.manager.save(item);
  }

  /** Deletes the row; returns its image key so the caller removes the file after commit. */
  async deleteItem(id: string): Promise<string | null> {
    const item = await this.item(id);
    try {
      await this.context.manager.query('SAVEPOINT menu_item_delete');
      await this.context.manager.delete(MenuItem, { id });
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
        await this.context.manager.query(
          'ROLLBACK TO SAVEPOINT menu_item_delete',
        );
        throw new DomainError(
          409,
          ErrorCode.CONFLICT,
          'Orders refer to this item; mark it unavailable instead.',
        );
      }
      throw error;
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
    item.imageKey = key;
    return { item: await this.context.manager.save(item), previous };
  }

  /** The public document: available items only, categories and items in position order. */
  async publicMenu(now = new Date()): Promise<PublicMenu> {
    const manager = this.context.manager;
    const categories = await manager.find(MenuCategory, {
      order: { position: 'ASC', id: 'ASC' },
    });
    const items = await manager.find(MenuItem, {
      where: { available: true },
      order: { position: 'ASC', id: 'ASC' },
    });
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
    if (
      !(await this.context.manager.existsBy(MenuCategory, { id: categoryId }))
    ) {
      throw new DomainError(
        400,
        ErrorCode.VALIDATION_FAILED,
        'The request is not valid.',
        {
          errors: [{ field: 'categoryId', message: 'does not exist' }],
        },
      );
    }
  }

  private async venueCurrency(): Promise<string> {
    const tenant = await this.context.manager.findOneByOrFail(Tenant, {
      id: this.tenantId(),
    });
    return tenant.currency;
  }

  private tenantId(): string {
    const id = this.context.tenantId;
    if (!id) {
      throw new Error('menu work runs inside a tenant context');
    }
    return id;
  }
}
