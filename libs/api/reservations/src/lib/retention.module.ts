import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName } from '@foyer/contracts';
import { AuditLogModule } from '@foyer/api/audit/worker';
import { DatabaseModule } from '@foyer/api/platform/database';
import { TenantDirectoryModule } from '@foyer/api/tenants/worker';
import { ReservationRepository } from './reservation.repository';
import { RetentionProcessor } from './retention.processor';
import { RetentionService } from './retention.service';

/**
 * The worker's share of the reservations module: the scheduled retention job, with the
 * reservation repository only (no HTTP controllers, no mail, no tokens).
 */
@Module({
  imports: [
    DatabaseModule,
    AuditLogModule,
    TenantDirectoryModule,
    BullModule.registerQueue({ name: QueueName.MAINTENANCE }),
  ],
  providers: [ReservationRepository, RetentionService, RetentionProcessor],
})
export class RetentionModule {}
