import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AuditEvent as AuditEventView,
  ChainVerification,
  Page,
  Permission,
} from '@foyer/contracts';
import { RequirePermissions } from '@foyer/api/rbac';
import { AuditTrail } from './audit-trail.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEvent } from './entities/audit-event.entity';

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
  constructor(private readonly trail: AuditTrail) {}

  /** Newest first, filtered by action, actor and time. */
  @Get()
  @RequirePermissions(Permission.AUDIT_VIEW)
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEventView>> {
    const page = await this.trail.page(query);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /** Recomputes the tenant's whole hash chain. */
  @Get('verify')
  @RequirePermissions(Permission.AUDIT_VIEW)
  verify(): Promise<ChainVerification> {
    return this.trail.verify();
  }
}
