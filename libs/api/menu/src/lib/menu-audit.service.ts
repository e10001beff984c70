import { Injectable } from '@nestjs/common';
import { AuditLog } from '@foyer/api/audit';
import { principalOf } from '@foyer/api/auth';
import { TenantContext } from '@foyer/api/platform/database';
import { requestIdOf } from '@foyer/api/platform/http';
import type { Request } from 'express';
import { PublicMenuCache } from './public-menu-cache.service';

/**
 * Every menu content change passes here: it goes into the tenant's audit chain (who,
 * what, which row; never the content itself) and drops the cached public menu.
 */
@Injectable()
export class MenuAudit {
  constructor(
    private readonly audit: AuditLog,
    private readonly context: TenantContext,
    private readonly cache: PublicMenuCache,
  ) {}

  async record(
    req: Request,
    action: string,
    targetType: 'menu_category' | 'menu_item',
    targetId: string,
    metadata?: Record<string, string | number | boolean | null>,
  ): Promise<void> {
    await this.audit.record({
      action,
      actorId: principalOf(req)?.sub,
      targetType,
      targetId,
      requestId: requestIdOf(req),
      metadata,
    });
    const tenantId = this.context.tenantId;
    if (tenantId) {
      this.cache.invalidate(tenantId);
    }
  }
}
