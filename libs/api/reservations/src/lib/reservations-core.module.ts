import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TenantDirectoryModule } from '@foyer/api/tenants';
import { DoorReservations } from './door-reservations.service';
import { PerformanceRepository } from './performance.repository';
import { PrivacyService } from './privacy.service';
import { ReservationLifecycle } from './reservation-lifecycle.service';
import { ReservationTokenRepository } from './reservation-token.repository';
import { ReservationRepository } from './reservation.repository';
import { ReservationTokens } from './reservation-tokens';
import { RetentionService } from './retention.service';

/**
 * The reservation tables and their state machine, without HTTP: the API's reservations
 * module and the worker's retention job both build on it. The repositories stay inside;
 * other domains get services (DoorReservations for check-in).
 */
@Module({
  imports: [AuditModule, TenantDirectoryModule],
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
