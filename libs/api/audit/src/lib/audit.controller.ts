import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page } from '@foyer/contracts';
import { Permission } from '@foyer/contracts';
import {
  DEFAULT_PAGE_SIZE,
  TenantContext,
  decodeCursor,
  encodeCursor,
} from '@foyer/api/platform';
import { RequirePermissions } from '@foyer/api/rbac';
import { verifyChain, ChainVerification } from './audit-chain';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEvent } from './entities/audit-event.entity';

export interface AuditEventView {
  id: string;
  occurredAt: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  metadata: Record<string, unknown>;
}

const view = (event: AuditEvent): AuditEventView => ({
  id: event.id,
  occurredAt: event.occurredAt,
  actorId: event.actorId,
  action: event.action,
  targetType: event.targetType,
  targetId: event.targetId,
  metadata: event.metadata,
});

@ApiTags('staff: audit')
@Controller('api/staff/audit')
export class AuditController {
  constructor(private readonly context: TenantContext) {}

  /** Newest first, filtered by action, actor and time. */
  @Get()
  @RequirePermissions(Permission.AUDIT_VIEW)
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEventView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.context.manager
      .createQueryBuilder(AuditEvent, 'e')
      .orderBy('e.seq', 'DESC')
      .limit(limit + 1);
    const before = decodeCursor(query.cursor, /^\d{1,19}$/);
    if (query.cursor !== undefined) {
      qb.andWhere('e.seq < :before', { before: before ?? '0' });
    }
    if (query.action)
      qb.andWhere('e.action = :action', { action: query.action });
    if (query.actorId)
      qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.from)
      qb.andWhere('e.occurred_at >= :from', {
        from: new Date(query.from).toISOString(),
      });
    if (query.to)
      qb.andWhere('e.occurred_at < :to', {
        to: new Date(query.to).toISOString(),
      });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map(view),
      nextCursor:
        rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null,
    };
  }

  /** Recomputes the tenant's whole hash chain. */
  @Get('verify')
  @RequirePermissions(Permission.AUDIT_VIEW)
  async verify(): Promise<ChainVerification> {
    const rows = await this.context.manager.find(AuditEvent, {
      order: { seq: 'ASC' },
    });
    return verifyChain(rows);
  }
}
