import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, Permission } from '@foyer/contracts';
import {
  DEFAULT_PAGE_SIZE,
  PageQueryDto,
  TenantContext,
  decodeCursor,
  definedFields,
  encodeCursor,
  requestIdOf,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import {
  CreatePerformanceDto,
  UpdatePerformanceDto,
} from './dto/performance.dto';
import { Performance } from './entities/performance.entity';
import { PerformanceView, PerformancesService } from './performances.service';
import { resourceId } from './rooms.controller';

const date = (value: string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value);
const HOUR = 60 * 60 * 1000;

@ApiTags('staff: performances')
@Controller('api/staff/performances')
export class PerformancesController {
  constructor(
    private readonly context: TenantContext,
    private readonly performances: PerformancesService,
    private readonly audit: AuditLog,
  ) {}

  /** By start time, soonest first. */
  @Get()
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  async list(@Query() query: PageQueryDto): Promise<Page<PerformanceView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(
      query.cursor,
      /^\d{4}-\d\d-\d\dT[\d:.]+Z\n[0-9a-f-]{36}$/,
    );
    const qb = this.context.manager
      .createQueryBuilder(Performance, 'p')
      .orderBy('p.startsAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit + 1);
    if (query.cursor !== undefined) {
      const [startsAt, id] = after
        ? after.split('\n')
        : ['9999-12-31T00:00:00.000Z', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
      qb.where('(p.starts_at, p.id) > (:startsAt, :id)', { startsAt, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.performances.views(page),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(`${last.startsAt.toISOString()}\n${last.id}`)
          : null,
    };
  }

  @Get(':id')
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  async get(@Param('id', resourceId) id: string): Promise<PerformanceView> {
    return (
      await this.performances.views([await this.performances.find(id)])
    )[0];
  }

  @Post()
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  async create(
    @Body() body: CreatePerformanceDto,
    @Req() req: Request,
  ): Promise<PerformanceView> {
    await this.performances.requireRoom(body.roomId);
    const startsAt = new Date(body.startsAt);
    const performance = this.context.manager.create(Performance, {
      tenantId: this.context.tenantId as string,
      roomId: body.roomId,
      title: body.title,
      startsAt,
      endsAt: new Date(body.endsAt),
      checkInOpensAt: body.checkInOpensAt
        ? new Date(body.checkInOpensAt)
        : new Date(startsAt.getTime() - HOUR),
      bookingOpensAt: date(body.bookingOpensAt),
      bookingClosesAt: date(body.bookingClosesAt),
      bookingStatus: body.bookingStatus ?? 'closed',
      additionalSeats: body.additionalSeats ?? 0,
      manuallyOccupiedSeats: body.manuallyOccupiedSeats ?? 0,
      maxPartySize: body.maxPartySize ?? 6,
    });
    this.performances.validateTimes(performance);
    await this.context.manager.save(performance);
    await this.record('performance.created', performance.id, req);
    return (await this.performances.views([performance]))[0];
  }

  @Patch(':id')
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  async update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdatePerformanceDto,
    @Req() req: Request,
  ): Promise<PerformanceView> {
    // The row lock orders this edit with concurrent confirmations (seat counts).
    await this.context.manager.query(
      'SELECT 1 FROM performance WHERE id = $1 FOR UPDATE',
      [id],
    );
    const performance = await this.performances.find(id);
    if (body.roomId !== undefined)
      await this.performances.requireRoom(body.roomId);
    const {
      startsAt,
      endsAt,
      checkInOpensAt,
      bookingOpensAt,
      bookingClosesAt,
      ...rest
    } = definedFields(body);
    Object.assign(performance, rest);
    if (startsAt !== undefined) performance.startsAt = new Date(startsAt);
    if (endsAt !== undefined) performance.endsAt = new Date(endsAt);
    if (checkInOpensAt !== undefined)
      performance.checkInOpensAt = new Date(checkInOpensAt);
    if (bookingOpensAt !== undefined)
      performance.bookingOpensAt = date(bookingOpensAt);
    if (bookingClosesAt !== undefined)
      performance.bookingClosesAt = date(bookingClosesAt);
    this.performances.validateTimes(performance);
    await this.context.manager.save(performance);
    await this.record('performance.updated', id, req, {
      fields: Object.keys(definedFields(body)).sort().join(','),
    });
    return (await this.performances.views([performance]))[0];
  }

  private record(
    action: string,
    id: string,
    req: Request,
    metadata?: Record<string, string>,
  ) {
    return this.audit.record({
      action,
      actorId: principalOf(req)?.sub,
      targetType: 'performance',
      targetId: id,
      metadata,
      requestId: requestIdOf(req),
    });
  }
}
