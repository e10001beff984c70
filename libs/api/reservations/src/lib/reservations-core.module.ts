import { Module } from '@nestjs/common';
import { AuditLogModule } from '@foyer/api/audit/worker';
import { AppConfigModule } from '@foyer/api/platform/config';
import { CryptoModule } from '@foyer/api/platform/crypto';
import { DatabaseModule } from '@foyer/api/platform/database';
import { OutboxModule } from '@foyer/api/platform/outbox';
import { TenantDirectoryModule } from '@foyer/api/tenants/worker';
import { DoorReservations } from './door-reservations.service';
import { PerformanceRepository } from './performance.repository';
import { PrivacyService } from './privacy.service';
import { ReservationLifecycle } from './reservation-lifecycle.service';
import { ReservationTokenRepository } from './reservation-token.repository';
import { ReservationRepository } from './reservation.repository';
import { ReservationTokens } from './reservation-tokens.service';
import { RetentionService } from './retention.service';

/**
 * The reservation tables and their state machine, without HTTP: the API's reservations
 * module and the worker's retention job both build on it. The repositories stay inside;
 * other domains get services (DoorReservations for check-in).
 */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    CryptoModule,
    OutboxModule,
    AuditLogModule,
    TenantDirectoryModule,
  ],
  providers: [
    ReservationRepository,
    ReservationTokenRepository,
    PerformanceRepository,
    ReservationTokens,
    ReservationLifecycle,
    DoorReservations,
    PrivacyService,
    RetentionService,
  ],
  exports: [
    ReservationRepository,
    PerformanceRepository,
    ReservationTokens,
    ReservationLifecycle,
    DoorReservations,
    PrivacyService,
  ],
})
export class ReservationsCoreModule {}
