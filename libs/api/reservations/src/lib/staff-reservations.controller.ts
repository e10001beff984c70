import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ErrorCode, Page, Permission } from '@foyer/contracts';
import {
  DEFAULT_PAGE_SIZE,
  DomainError,
  TenantContext,
  decodeCursor,
  encodeCursor,
  notFound,
  requestIdOf,
} from '@foyer/api/platform';
import { AuditLog } from '@foyer/api/audit';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { ReservationQueryDto } from './dto/reservation-query.dto';
import { PerformancesService } from './performances.service';
import { ReservationTokens } from './reservation-tokens';
import {
  ReservationRow as Row,
  StaffReservationView,
  reservationColumns,
  reservationView as view,
} from './reservation-view';
import { resourceId } from './rooms.controller';

@ApiTags('staff: reservations')
@Controller('api/staff')
export class StaffReservationsController {
  constructor(
    private readonly context: TenantContext,
    private readonly performances: PerformancesService,
    private readonly tokens: ReservationTokens,
    private readonly audit: AuditLog,
  ) {}

  /** Newest first; `q` searches name, email and reference; `status` filters. */
  @Get('performances/:id/reservations')
  @RequirePermissions(Permission.RESERVATIONS_VIEW)
  async list(
    @Param('id', resourceId) performanceId: string,
    @Query() query: ReservationQueryDto,
  ): Promise<Page<StaffReservationView>> {
    await this.performances.find(performanceId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [performanceId];
    const where = ['performance_id = $1'];
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const n = params.length;
      where.push(
        `(name ILIKE $${n} OR email ILIKE $${n} OR reference ILIKE $${n})`,
      );
    }
    if (query.cursor !== undefined) {
      const after = decodeCursor(
        query.cursor,
        /^\d{4}-\d\d-\d\dT[\d:.]+Z\n[0-9a-f-]{36}$/,
      )?.split('\n') ?? [
        '0001-01-01T00:00:00.000Z',
        '00000000-0000-0000-0000-000000000000',
      ];
      params.push(after[0], after[1]);
      where.push(
        `(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(limit + 1);
    const rows: Row[] = await this.context.manager.query(
      `SELECT ${reservationColumns()} FROM reservation WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(view),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(`${last.created_at.toISOString()}\n${last.id}`)
          : null,
    };
  }

  /** Seats return to the pool once; a repeat answers the same. */
  @Post('reservations/:id/cancel')
  @HttpCode(200)
  @RequirePermissions(Permission.RESERVATIONS_MANAGE)
  async cancel(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<StaffReservationView> {
    const row = await this.lock(id);
    if (row.status !== 'cancelled') {
      await this.context.manager.query(
        `UPDATE reservation SET status = 'cancelled', cancelled_at = now() WHERE id = $1`,
        [id],
      );
      await this.tokens.revoke(id, ['confirm', 'checkin', 'cancel']);
      await this.audit.record({
        action: 'reservation.cancelled',
        actorId: principalOf(req)?.sub,
        targetType: 'reservation',
        targetId: id,
        metadata: { by: 'staff', partySize: row.party_size },
        requestId: requestIdOf(req),
      });
    }
    return view(await this.load(id));
  }

  /** A new check-in token (the old QR stops working) and cancel link, emailed to the visitor. */
  @Post('reservations/:id/resend-ticket')
  @HttpCode(200)
  @RequirePermissions(Permission.RESERVATIONS_MANAGE)
  async resendTicket(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<StaffReservationView> {
    const row = await this.lock(id);
    if (row.status !== 'confirmed') {
      throw new DomainError(
        409,
        ErrorCode.NOT_CONFIRMED,
        'Only a confirmed booking has a ticket.',
      );
    }
    if (row.anonymised_at) {
      throw new DomainError(
        409,
        ErrorCode.CONFLICT,
        'The visitor’s personal data was erased: there is no address to send to.',
      );
    }
    const performance = await this.performances.find(row.performance_id);
    await this.tokens.revoke(id, ['checkin', 'cancel']);
    await this.tokens.sendTicket({
      reservationId: id,
      email: row.email,
      reference: row.reference,
      partySize: row.party_size,
      title: performance.title,
      startsAt: performance.startsAt,
    });
    await this.audit.record({
      action: 'reservation.ticket_resent',
      actorId: principalOf(req)?.sub,
      targetType: 'reservation',
      targetId: id,
      requestId: requestIdOf(req),
    });
    return view(row);
  }

  /** Takes the performance lock first, as confirmation does, then the reservation's. */
  private async lock(id: string): Promise<Row> {
    const existing = await this.load(id);
    await this.context.manager.query(
      'SELECT 1 FROM performance WHERE id = $1 FOR UPDATE',
      [existing.performance_id],
    );
    const [row] = (await this.context.manager.query(
      `SELECT ${reservationColumns()} FROM reservation WHERE id = $1 FOR UPDATE`,
      [id],
    )) as Row[];
    return row;
  }

  private async load(id: string): Promise<Row> {
    const [row] = (await this.context.manager.query(
      `SELECT ${reservationColumns()} FROM reservation WHERE id = $1`,
      [id],
    )) as Row[];
    if (!row) {
      throw notFound('No reservation has this id.');
    }
    return row;
  }
}
