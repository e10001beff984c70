import { Injectable } from '@nestjs/common';
import { AuditLog } from '@foyer/api/audit';
import { principalOf } from '@foyer/api/auth';
import { requestIdOf } from '@foyer/api/platform';
import type { Request } from 'express';

/** Menu content changes in the tenant's audit chain: who, what, which row; never the content itself. */
@Injectable()
export class MenuAudit {
  constructor(private readonly audit: AuditLog) {}

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
  }
}
