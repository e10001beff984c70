import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '@foyer/api/platform/database';
import { AuditEventRepository } from './audit-event.repository';
import { AuditLog } from './audit-log.service';
import { AuditEvent } from './entities/audit-event.entity';

/**
 * The audit log's writer (AuditLog), without HTTP: what every domain module that records
 * events imports, the worker's included. AuditModule adds the staff routes.
 */
@Module({
  imports: [DatabaseModule, TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditEventRepository, AuditLog],
  exports: [AuditLog],
})
export class AuditLogModule {}
