import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TenantDirectoryModule } from '@foyer/api/tenants';
import { BookingService } from './booking.service';
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
  imports: [AuditModule, TenantDirectoryModule, ReservationsCoreModule],
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
    TicketsService,
    StaffReservationsService,
  ],
  exports: [PerformancesService, ReservationsCoreModule],
})
export class ReservationsModule {}
