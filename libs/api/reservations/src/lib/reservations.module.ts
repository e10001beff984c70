import { Module } from '@nestjs/common';
import { AuditLogModule } from '@foyer/api/audit';
import { AppConfigModule } from '@foyer/api/platform/config';
import { DatabaseModule } from '@foyer/api/platform/database';
import { OutboxModule } from '@foyer/api/platform/outbox';
import { TenantDirectoryModule } from '@foyer/api/tenants';
import { BookingService } from './booking.service';
import { PublicProgramme } from './public-programme.service';
import { PublicBookingController } from './public-booking.controller';
import { PerformancesController } from './performances.controller';
import { PerformancesService } from './performances.service';
import { PrivacyController } from './privacy.controller';
import { RoomRepository } from './room.repository';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';
import { StaffReservationsController } from './staff-reservations.controller';
import { TicketsService } from './tickets.service';
import { ReservationsCoreModule } from './reservations-core.module';
import { StaffReservationsService } from './staff-reservations.service';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    OutboxModule,
    AuditLogModule,
    TenantDirectoryModule,
    ReservationsCoreModule,
  ],
  controllers: [
    RoomsController,
    PerformancesController,
    PublicBookingController,
    StaffReservationsController,
    PrivacyController,
  ],
  providers: [
    RoomRepository,
    RoomsService,
    PerformancesService,
    BookingService,
    PublicProgramme,
    TicketsService,
    StaffReservationsService,
  ],
  exports: [PerformancesService, ReservationsCoreModule],
})
export class ReservationsModule {}
