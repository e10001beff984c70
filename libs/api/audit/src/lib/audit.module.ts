import { Module } from '@nestjs/common';
import { DatabaseModule } from '@foyer/api/platform/database';
import { AuditController } from './audit.controller';
import { AuditEventRepository } from './audit-event.repository';
import { AuditLogModule } from './audit-log.module';
import { AuditTrail } from './audit-trail.service';

/** The audit log and its staff routes (`/api/staff/audit`, `/verify`): what the API app imports. */
@Module({
  imports: [DatabaseModule, AuditLogModule],
  controllers: [AuditController],
  providers: [AuditEventRepository, AuditTrail],
  exports: [AuditLogModule],
})
export class AuditModule {}
