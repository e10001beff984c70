import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@foyer/api/audit';
import { TenantsModule } from '@foyer/api/tenants';
import { BookingService } from './booking.service';
import { PublicBookingController } from './public-booking.controller';
import { Performance } from './entities/performance.entity';
import { Room } from './entities/room.entity';
import { PerformancesController } from './performances.controller';
import { PerformancesService } from './performances.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';
import { RoomsController } from './rooms.controller';
import { StaffReservationsController } from './staff-reservations.controller';
import { TicketsService } from './tickets.service';
import { ReservationTokens } from './reservation-tokens';

@Module({
  imports: [
    TypeOrmModule.forFeature([Room, Performance]),
    AuditModule,
    TenantsModule,
  ],
  controllers: [
    RoomsController,
    PerformancesController,
    PublicBookingController,
    StaffReservationsController,
    PrivacyController,
  ],
  providers: [
    PerformancesService,
    ReservationTokens,
    BookingService,
    TicketsService,
    PrivacyService,
  ],
  exports: [PerformancesService, ReservationTokens],
})
export class ReservationsModule {}
