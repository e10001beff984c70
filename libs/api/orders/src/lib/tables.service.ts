import { Inject, Injectable } from '@nestjs/common';
import {
  DiningTable as DiningTableView,
  Page,
  RealtimeEvent,
} from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { randomToken } from '@foyer/api/platform/crypto';
import { notFound } from '@foyer/api/platform/errors';
import { decodeCursor, encodeCursor } from '@foyer/api/platform/paging';
import { qrPng, qrSvg } from '@foyer/api/platform/qr';
import { AuditLog } from '@foyer/api/audit';
import { Realtime } from '@foyer/api/realtime';
import { TenantDirectory } from '@foyer/api/tenants';
import { randomUUID } from 'node:crypto';
import { CartStore } from './cart-store.service';
import { CreateTableDto, UpdateTableDto } from './dto/table.dto';
import { DiningTable } from './dining-table.mapper';
import { DiningTableRepository } from './dining-table.repository';
import { qrSheet, tableUrl } from './qr';

/** A table as staff see it (the contract's `DiningTable`), with the diner's link. */
export type TableView = DiningTableView;

export interface Actor {
  actorId?: string;
  requestId: string;
}

const UUID_CURSOR = /^[0-9a-f-]{36}$/;

/** Staff management of tables, their codes and sittings. Runs inside the request's tenant transaction. */
@Injectable()
export class TablesService {
  constructor(
    private readonly tables: DiningTableRepository,
    private readonly directory: TenantDirectory,
    private readonly audit: AuditLog,
    private readonly carts: CartStore,
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
    const rows = await this.tables.page(
      cursor === undefined
        ? null
        : (after ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((t) => this.view(t)),
      nextCursor:
        rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  async find(id: string): Promise<DiningTable> {
    const table = await this.tables.find(id);
    if (!table) {
      throw notFound('No table has this id.');
    }
    return table;
  }

  async create(body: CreateTableDto, actor: Actor): Promise<DiningTable> {
    const table = await this.tables.insert({
      label: body.label,
      active: body.active ?? true,
      code: randomToken(),
      sittingId: randomUUID(),
    });
    await this.record('table.created', table.id, actor);
    return table;
  }

  async update(
    id: string,
    body: UpdateTableDto,
    actor: Actor,
  ): Promise<DiningTable> {
    await this.find(id);
    const table = this.changed(
      await this.tables.update(id, { label: body.label, active: body.active }),
    );
    await this.record('table.updated', id, actor);
    return table;
  }

  async remove(id: string, actor: Actor): Promise<void> {
    const table = await this.find(id);
    await this.tables.delete(id);
    await this.record('table.deleted', id, actor);
    await this.carts.clear(id, table.sittingId);
    this.realtime.disconnectTable(id);
  }

  /** A new code; the old one answers 404 and capabilities of the old version are refused. */
  async rotate(id: string, actor: Actor): Promise<DiningTable> {
    const locked = await this.lock(id);
    const table = this.changed(
      await this.tables.update(id, {
        code: randomToken(),
        codeVersion: locked.codeVersion + 1,
      }),
    );
    await this.record('table.code_rotated', id, actor);
    this.realtime.disconnectTable(id);
    return table;
  }

  /** A new sitting: every capability of the old one is refused and its cart is gone. */
  async closeSitting(id: string, actor: Actor): Promise<void> {
    const previous = (await this.lock(id)).sittingId;
    this.changed(await this.tables.update(id, { sittingId: randomUUID() }));
    await this.record('table.sitting_closed', id, actor);
    await this.carts.clear(id, previous);
    this.realtime.toTable(id, RealtimeEvent.CartUpdated, {
      lines: [],
      totalCents: 0,
      currency: (await this.directory.current()).currency,
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
    const tables = await this.tables.active(500);
    const venue = await this.directory.current();
    const cards = await Promise.all(
      tables.map(async (t) => ({
        label: t.label,
        svg: await qrSvg(tableUrl(this.config.SITE_BASE_URL, t.code)),
      })),
    );
    return qrSheet(venue.name, cards);
  }

  private async lock(id: string): Promise<DiningTable> {
    const table = await this.tables.lock(id);
    if (!table) {
      throw notFound('No table has this id.');
    }
    return table;
  }

  private changed(table: DiningTable | null): DiningTable {
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
