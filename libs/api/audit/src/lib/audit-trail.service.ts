import { Injectable } from '@nestjs/common';
import { ChainVerification, Page } from '@foyer/contracts';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
} from '@foyer/api/platform/paging';
import { verifyChain } from './audit-chain';
import { AuditEventRepository } from './audit-event.repository';
import { AuditEvent } from './entities/audit-event.entity';

/** The audit page's query: a cursor, a page size and optional filters. */
export interface AuditQuery {
  cursor?: string;
  limit?: number;
  action?: string;
  actorId?: string;
  /** ISO-8601, inclusive. */
  from?: string;
  /** ISO-8601, exclusive. */
  to?: string;
}

/** Reading the current tenant's audit log: pages newest first, and the chain check. */
@Injectable()
export class AuditTrail {
  constructor(private readonly events: AuditEventRepository) {}

  /** Newest first, filtered by action, actor and time; the cursor is the last `seq`. */
  async page(query: AuditQuery): Promise<Page<AuditEvent>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, /^\d{1,19}$/);
    const rows = await this.events.page(
      {
        beforeSeq: query.cursor !== undefined ? (before ?? '0') : undefined,
        action: query.action || undefined,
        actorId: query.actorId || undefined,
        from: query.from ? new Date(query.from).toISOString() : undefined,
        to: query.to ? new Date(query.to).toISOString() : undefined,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null,
    };
  }

  /** Recomputes the tenant's whole hash chain. */
  async verify(): Promise<ChainVerification> {
    return verifyChain(await this.events.chain());
  }
}
