import { Inject, Injectable } from '@nestjs/common';
import { Page, RealtimeEvent } from '@foyer/contracts';
import {
  APP_CONFIG,
  AppConfig,
  TenantContext,
  decodeCursor,
  encodeCursor,
  notFound,
  qrPng,
  qrSvg,
  randomToken,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { Realtime } from '@foyer/api/realtime';
import { randomUUID } from 'node:crypto';
import { CartStore } from './cart-store';
import { CreateTableDto, UpdateTableDto } from './dto/table.dto';
import { DiningTable } from './entities/dining-table.entity';
import { MenuPrices } from './menu-prices';
import { qrSheet, tableUrl } from './qr';

export interface TableView {
  id: string;
  label: string;
  code: string;
  active: boolean;
  url: string;
}

export interface Actor {
  actorId?: string;
  requestId: string;
}

const UUID_CURSOR = /^[0-9a-f-]{36}$/;

/** Staff management of tables, their codes and sittings. Runs inside the request's tenant transaction. */
@Injectable()
export class TablesService {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditLog,
    private readonly carts: CartStore,
    private readonly menu: MenuPrices,
    private readonly realtime: Realtime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  view(table: DiningTable): TableView {
    return {
      id: table.id,
      label: table.label,
      code: table.code,
      active: table.active,
      url: tableUrl(this.config.SITE_BASE_URL, table.code),
    };
  }

  async list(limit: number, cursor?: string): Promise<Page<TableView>> {
    const after = decodeCursor(cursor, UUID_CURSOR);
    const qb = this.context.manager
      .createQueryBuilder(DiningTable, 't')
      .orderBy('t.id')
      .limit(limit + 1);
    if (cursor !== undefined) {
      qb.where('t.id > :after', {
        after: after ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff',
      });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((t) => this.view(t)),
      nextCursor:
        rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  async find(id: string): Promise<DiningTable> {
    const table = await this.context.manager.findOneBy(DiningTable, { id });
    if (!table) {
      throw notFound('No table has this id.');
    }
    return table;
  }

  async create(body: CreateTableDto, actor: Actor): Promise<DiningTable> {
    const table = this.context.manager.create(DiningTable, {
      label: body.label,
      active: body.active ?? true,
      tenantId: this.context.tenantId as string,
      code: randomToken(),
      sittingId: randomUUID(),
    });
    await this.context.manager.save(table);
    await this.record('table.created', table.id, actor);
    return table;
  }

  async update(
    id: string,
    body: UpdateTableDto,
    actor: Actor,
  ): Promise<DiningTable> {
    const table = await this.find(id);
    if (body.label !== undefined) table.label = body.label;
    if (body.active !== undefined) table.active = body.active;
    await this.context.manager.save(table);
    await this.record('table.updated', id, actor);
    return table;
  }

  async remove(id: string, actor: Actor): Promise<void> {
    const table = await this.find(id);
    await this.context.manager.delete(DiningTable, { id });
    await this.record('table.deleted', id, actor);
    await this.carts.clear(id, table.sittingId);
    this.realtime.disconnectTable(id);
  }

  /** A new code; the old one answers 404 and capabilities of the old version are refused. */
  async rotate(id: string, actor: Actor): Promise<DiningTable> {
    const table = await this.lock(id);
    table.code = randomToken();
    table.codeVersion += 1;
    await this.context.manager.save(table);
    await this.record('table.code_rotated', id, actor);
    this.realtime.disconnectTable(id);
    return table;
  }

  /** A new sitting: every capability of the old one is refused and its cart is gone. */
  async closeSitting(id: string, actor: Actor): Promise<void> {
    const table = await this.lock(id);
    const previous = table.sittingId;
    table.sittingId = randomUUID();
    await this.context.manager.save(table);
    await this.record('table.sitting_closed', id, actor);
    await this.carts.clear(id, previous);
    this.realtime.toTable(id, RealtimeEvent.CartUpdated, {
      lines: [],
      totalCents: 0,
      currency: await this.menu.tenantCurrency(),
    });
    this.realtime.disconnectTable(id);
  }

  async qr(
    id: string,
    format: 'svg' | 'png',
  ): Promise<{ body: string | Buffer; contentType: string }> {
    const url = tableUrl(this.config.SITE_BASE_URL, (await this.find(id)).code);
    return format === 'png'
      ? { body: await qrPng(url, 512), contentType: 'image/png' }
      : { body: await qrSvg(url), contentType: 'image/svg+xml; charset=utf-8' };
  }

  async sheet(): Promise<string> {
    const tables = await this.context.manager.find(DiningTable, {
      where: { active: true },
      order: { label: 'ASC', id: 'ASC' },
      take: 500,
    });
    const [venue] = (await this.context.manager.query(
      `SELECT name FROM tenant WHERE id = app_current_tenant()`,
    )) as {
      name: string;
    }[];
    const cards = await Promise.all(
      tables.map(async (t) => ({
        label: t.label,
        svg: await qrSvg(tableUrl(this.config.SITE_BASE_URL, t.code)),
      })),
    );
    return qrSheet(venue?.name ?? 'Foyer', cards);
  }

  private async lock(id: string): Promise<DiningTable> {
    const table = await this.context.manager.findOne(DiningTable, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!table) {
      throw notFound('No table has this id.');
    }
    return table;
  }

  private record(action: string, id: string, actor: Actor) {
    return this.audit.record({
      action,
      actorId: actor.actorId,
      targetType: 'table',
      targetId: id,
      requestId: actor.requestId,
    });
  }
}
